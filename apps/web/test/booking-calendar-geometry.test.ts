import { describe, expect, it } from 'vitest';
import { coveredSlots, placeAppointment, slotTimes, weekDays } from '../src/booking/calendar-geometry.ts';
import { mondayOf } from '../src/booking/london-time.ts';

describe('the week calendar', () => {
  const days = weekDays('2026-12-07');
  it('runs Monday to Sunday, 08:00 to 17:30 in half-hours', () => {
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(days).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
    const times = slotTimes();
    expect([times.length, times[0], times.at(-1)]).toEqual([20, '08:00', '17:30']);
  });

  it('places an appointment by its UK time: day column, first half-hour row, rows it covers', () => {
    // Tuesday 10:30 GMT, 30 minutes: column 1, row (10:30 - 08:00) / 30 = 5, one row.
    expect(placeAppointment(days, '2026-12-08T10:30:00.000Z', 30)).toEqual({ dayIndex: 1, row: 5, rows: 1 });
    // 45 minutes from 09:15 runs to 10:00: rows 2 (09:00) and 3 (09:30).
    expect(placeAppointment(days, '2026-12-07T09:15:00.000Z', 45)).toEqual({ dayIndex: 0, row: 2, rows: 2 });
    // In summer the UK is an hour ahead of UTC: 08:00Z is 09:00 BST, row 2.
    expect(placeAppointment(weekDays('2027-06-07'), '2027-06-07T08:00:00.000Z', 30)).toEqual({
      dayIndex: 0,
      row: 2,
      rows: 1,
    });
    // Before 08:00 or another week: not on the grid.
    expect(placeAppointment(days, '2026-12-08T07:30:00.000Z', 30)).toBeNull();
    expect(placeAppointment(days, '2026-12-14T10:00:00.000Z', 30)).toBeNull();
  });

  it('does not offer the half-hours an appointment covers', () => {
    const p = placeAppointment(days, '2026-12-07T09:15:00.000Z', 45);
    if (!p) throw new Error('not placed');
    expect([...coveredSlots(days, [p])]).toEqual(['2026-12-07|09:00', '2026-12-07|09:30']);
  });
});
