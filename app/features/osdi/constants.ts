/** Bodies of OSDI writes above this are refused before they are read (server/app.ts) and again when read. */
export const OSDI_BODY_LIMIT = 8 * 1024;
