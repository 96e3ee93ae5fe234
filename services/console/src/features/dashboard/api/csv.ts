export type Cell = string | number | null;

/**
 * RFC 4180 CSV of what a table or chart shows. A text cell that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, carriage return: OWASP's CSV-injection rule) gets a leading `'`;
 * numbers are written as they are.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (value: Cell): string => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows]
    .map((row) => row.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
