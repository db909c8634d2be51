/** Messages (i18n keys) per form field, as a rule refuses input: the shape Conform's reply takes. */
export type FieldErrors = Record<string, string[]>;
