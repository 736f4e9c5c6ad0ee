/** The calendar date of an instant, in UTC: 'YYYY-MM-DD'. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Whole calendar days from one date to another ('YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date so many days after (or before) another ('YYYY-MM-DD'). */
export function addDays(isoDay: string, days: number): string {
  return isoDate(new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000));
}
