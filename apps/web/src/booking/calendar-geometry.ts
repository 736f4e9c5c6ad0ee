// Where things sit on the week calendar: a column per day, a row per half-hour of the clinic day.
import { addDays, londonWallTime } from './london-time.ts';

export const DAY_START_MINUTES = 8 * 60;
export const DAY_END_MINUTES = 18 * 60;
export const SLOT_MINUTES = 30;
export const DAYS_SHOWN = 7;

export function slotTimes(): string[] {
  const times: string[] = [];
  for (let m = DAY_START_MINUTES; m < DAY_END_MINUTES; m += SLOT_MINUTES) {
    times.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  }
  return times;
}

export function weekDays(monday: string): string[] {
  return Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(monday, i));
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** An appointment's cell: the day column (0-based), the first slot row (0-based) and how many rows. */
export interface Placement {
  dayIndex: number;
  row: number;
  rows: number;
}

/** Where an appointment goes, or null when it falls outside the days or hours shown. */
export function placeAppointment(
  days: readonly string[],
  startsAt: string,
  durationMinutes: number,
): Placement | null {
  const wall = londonWallTime(startsAt);
  const dayIndex = days.indexOf(wall.date);
  const start = minutesOf(wall.time);
  if (dayIndex < 0 || start < DAY_START_MINUTES || start >= DAY_END_MINUTES) return null;
  const row = Math.floor((start - DAY_START_MINUTES) / SLOT_MINUTES);
  const end = Math.min(start + durationMinutes, DAY_END_MINUTES);
  const rows = Math.max(1, Math.ceil((end - DAY_START_MINUTES) / SLOT_MINUTES) - row);
  return { dayIndex, row, rows };
}

/** Which slots (`day|time`) the placed appointments cover, so they are not offered as free. */
export function coveredSlots(days: readonly string[], placements: readonly Placement[]): Set<string> {
  const times = slotTimes();
  const covered = new Set<string>();
  for (const p of placements) {
    for (let r = p.row; r < p.row + p.rows; r += 1)
      covered.add(`${days[p.dayIndex] ?? ''}|${times[r] ?? ''}`);
  }
  return covered;
}
