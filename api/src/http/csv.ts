// CSV lines as RFC 4180 has them (csv-stringify: quoting, doubled quotes, CRLF), safe to open in a spreadsheet:
// text a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe
// (csv-stringify's escape_formulas, OWASP's advice for CSV injection); numbers are written as they are.
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | Date | null | undefined;

const OPTIONS = {
  record_delimiter: 'windows',
  escape_formulas: true,
  // It quotes fields holding the record delimiter (CRLF) but not a lone CR or LF, which readers would split on.
  quoted_match: /[\r\n]/,
  cast: {
    date: (value: Date) => value.toISOString(),
    boolean: (value: boolean) => (value ? 'true' : 'false'),
    number: (value: number) => (Number.isFinite(value) ? String(value) : ''),
  },
} as const;

/** One record, line ending included. */
export function csvLine(cells: readonly Cell[]): string {
  return stringify([cells as Cell[]], OPTIONS);
}
