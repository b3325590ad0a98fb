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
