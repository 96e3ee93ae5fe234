// OWASP's CSV-injection rule: a cell starting with one of these is a formula to a spreadsheet
// (`-1+1+cmd|' /C calc'!A0` too), so it gets a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  // Our own numbers are data; any text (a customer's subject, a note) may be a formula.
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  // Quote what would break a row (and every defused cell, as OWASP advises).
  return /[",\n\r\t]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** RFC 4180 CSV with a header row from the first row's keys. */
export function toCsv(rows: readonly Record<string, unknown>[], header?: readonly string[]): string {
  const columns = header ?? Object.keys(rows[0] ?? {});
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
