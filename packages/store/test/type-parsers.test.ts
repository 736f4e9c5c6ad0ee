import { describe, expect, it } from 'vitest';
import { parseTimestamptz, parseTimestampWithoutZone } from '../src/type-parsers.ts';

// PostgreSQL's text output for timestamptz in a UTC session, and what quantrad reads it as: ISO 8601 UTC
// to the millisecond (Date.prototype.toISOString's form), worked out by hand.
describe('reading timestamps from the database', () => {
  it.each([
    ['2026-11-23 15:50:43.123456+00', '2026-11-23T15:50:43.123Z'],
    ['2026-11-23 15:50:43.1+00', '2026-11-23T15:50:43.100Z'],
    ['2026-11-23 15:50:43+00', '2026-11-23T15:50:43.000Z'],
    ['2026-11-23 15:50:43.999999+00', '2026-11-23T15:50:43.999Z'],
    // Another offset (a session not in UTC) goes through Date and comes back in UTC.
    ['2026-11-23 16:50:43.5+01', '2026-11-23T15:50:43.500Z'],
    ['2026-11-23 10:20:43.25-05:30', '2026-11-23T15:50:43.250Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseTimestamptz(text)).toBe(iso);
  });

  it('reads a timestamp without zone as UTC', () => {
    expect(parseTimestampWithoutZone('2026-01-02 03:04:05.6')).toBe('2026-01-02T03:04:05.600Z');
  });

  it('refuses text that is not a timestamp, saying what it got', () => {
    expect(() => parseTimestamptz('yesterday')).toThrow(/unreadable timestamp from the database: yesterday/);
  });
});
