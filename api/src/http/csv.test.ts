import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe('plain,"a,b","say ""hi""","two\nlines","cr\rhere"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-0.4)).toBe('-0.4');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes empty cells for null and dates as ISO instants', () => {
    expect(csvLine([null, undefined, new Date('2026-03-01T00:00:00Z'), true, Number.NaN])).toBe(',,2026-03-01T00:00:00.000Z,true,\r\n');
  });
});
