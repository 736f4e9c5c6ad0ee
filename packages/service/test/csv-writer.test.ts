import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../src/service-data/csv-writer.ts';

describe('the CSV writer (RFC 4180)', () => {
  it('leaves plain text and numbers as they are, and writes a missing value as an empty field', () => {
    expect(csvField('Riverside Surgery')).toBe('Riverside Surgery');
    expect(csvField(42)).toBe('42');
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(null)).toBe('');
  });

  it('quotes a field holding a comma, a quote or a line break, doubling the quotes inside', () => {
    expect(csvField('Smith, Jones & Partners')).toBe('"Smith, Jones & Partners"');
    expect(csvField('The "Old" Surgery')).toBe('"The ""Old"" Surgery"');
    expect(csvField('Ward 4\nNorth Wing')).toBe('"Ward 4\nNorth Wing"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-rogue')).toBe("'-rogue");
  });

  it('ends every record, the header too, with CRLF', () => {
    expect(
      toCsv(
        ['measure', 'value'],
        [
          ['organisation: Smith, Jones', 3],
          ['median', null],
        ],
      ),
    ).toBe('measure,value\r\n"organisation: Smith, Jones",3\r\nmedian,\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });
});
