// CSV as RFC 4180 has it, so a spreadsheet opens it as written: fields separated by commas, records by
// CRLF; a field holding a comma, a double quote, a carriage return or a line feed is put in double
// quotes, with each double quote inside doubled. A missing value is an empty field.

export type CsvValue = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;
// Text a spreadsheet would run as a formula (OWASP CSV injection): kept as text by a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header and the rows as one CSV text, each record ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
