/**
 * What an operation that can be refused returns: `ok: true` with what it made, or `ok: false`
 * with why (field errors for a form, a reason code otherwise). Callers narrow on `ok`.
 */
export type Result<Done extends object, Refusal extends object = { reason: string }> =
  ({ ok: true } & Done) | ({ ok: false } & Refusal);

/** For a `Result` whose success carries nothing. */
export type Nothing = Record<never, never>;
