/** A calendar date (YYYY-MM-DD) as a UK patient reads it: "2 November 1949". */
export function ukLongDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date}T00:00:00Z`));
}
