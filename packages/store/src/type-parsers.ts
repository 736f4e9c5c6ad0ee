// One way to read values back on both backends: dates as 'YYYY-MM-DD' (no time zone can shift them),
// timestamps as ISO 8601 UTC strings, 64-bit integers and numerics as numbers.

export const PG_TYPE = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const UTC_MICROSECONDS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.(\d{1,6}))?\+00$/;

/** '2026-11-23 15:50:43.123456+00' (PostgreSQL text output, any offset) → '2026-11-23T15:50:43.123Z' */
export function parseTimestamptz(text: string): string {
  // The usual case, UTC with microseconds, is rewritten without building a Date (it is on every row).
  const utc = UTC_MICROSECONDS.exec(text);
  if (utc) return `${text.slice(0, 10)}T${text.slice(11, 19)}.${(utc[1] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable timestamp from the database: ${text}`);
  return date.toISOString();
}

export function parseInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`integer from the database is too large: ${text}`);
  return n;
}

export function parseTimestampWithoutZone(text: string): string {
  return parseTimestamptz(`${text}+00`);
}

export const TEXT_PARSERS: Record<number, (text: string) => unknown> = {
  [PG_TYPE.int8]: parseInteger,
  [PG_TYPE.numeric]: Number,
  [PG_TYPE.date]: (text) => text,
  [PG_TYPE.timestamp]: parseTimestampWithoutZone,
  [PG_TYPE.timestamptz]: parseTimestamptz,
};
