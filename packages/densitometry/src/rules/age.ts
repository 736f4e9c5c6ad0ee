/** Completed years of age on a date (ISO YYYY-MM-DD strings), as clinical age is stated. */
export function ageInYears(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.25;

/** Elapsed time between two ISO dates in years of 365.25 days (for %/year rates of change). */
export function yearsBetween(fromDate: string, toDate: string): number {
  return (
    (Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / MS_PER_DAY / DAYS_PER_YEAR
  );
}
