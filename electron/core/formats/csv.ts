/** CSV rows as RFC 4180 says: CRLF line ends, fields quoted when they hold a comma, quote or line break. */

/** One field, quoted if needed (inner quotes doubled). */
export function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its CRLF. */
export function csvRow(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * A text cell a spreadsheet will not run as a formula (OWASP's CSV injection rule): one starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single quote. A plain number such as
 * `-3` is data, and no formula, so it stays as it is.
 */
export function spreadsheetText(value: string): string {
  if (!/^[=+\-@\t\r]/.test(value) || /^[+-]?\d+(\.\d+)?$/.test(value)) return value;
  return `'${value}`;
}
