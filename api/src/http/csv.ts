// CSV lines as RFC 4180 has them, safe to open in a spreadsheet. No CSV library is installed, and one line of
// quoting is all an export needs: a field with a comma, a double quote, CR or LF is quoted and its quotes doubled;
// lines end with CRLF. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
// leading apostrophe (OWASP's advice for CSV injection); numbers are written as they are.

export type Cell = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
