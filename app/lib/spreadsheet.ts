/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return that hides
 * one) as a formula: prefix those with a quote so that they stay text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
