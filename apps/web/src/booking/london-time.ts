// Appointments are kept as instants (ISO, UTC) and shown and booked in the service's own time, UK time.

const ZONE = 'Europe/London';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The UK wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function londonWallTime(iso: string | Date): { date: string; time: string } {
  const parts = partsFormat.formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The instant (ISO, UTC) of a UK wall-clock date and time, in GMT or BST as that day has it. */
export function londonToIso(date: string, time: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // The offset at the instant the wall time would be in UTC is right except within an hour of a change;
  // checking once more settles it.
  let guess = wall;
  for (let i = 0; i < 2; i += 1) {
    const shown = londonWallTime(new Date(guess));
    const shownMs = Date.parse(`${shown.date}T${shown.time}:00Z`);
    guess -= shownMs - wall;
  }
  return new Date(guess).toISOString();
}

/** A date moved by whole days (dates as YYYY-MM-DD, counted in UTC so no clock change moves them). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the week holding the date. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** "Mon 7 Dec" for a date. */
export function dayLabel(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}

/** "Mon 7 Dec 10:00" (UK time) for an instant. */
export function shortDateTime(iso: string): string {
  const wall = londonWallTime(iso);
  return `${dayLabel(wall.date)} ${wall.time}`;
}
