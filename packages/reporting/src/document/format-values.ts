const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2024-09-15" → "15 September 2024": unambiguous for UK and overseas readers alike. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const monthName = MONTHS[(month ?? 1) - 1] ?? '';
  return `${String(day)} ${monthName} ${String(year)}`;
}

/** A score to one decimal with its sign, or a dash when not given ("−" is a real minus sign). */
export function signedScore(value: number | null): string {
  if (value === null) return '–';
  const rounded = value.toFixed(1);
  return rounded === '-0.0' ? '0.0' : rounded;
}

export function signedPercent(value: number): string {
  const rounded = value.toFixed(1);
  return `${value > 0 ? '+' : ''}${rounded === '-0.0' ? '0.0' : rounded}%`;
}

export function listOrNone(items: readonly string[], none: string): string {
  return items.length === 0 ? none : items.join('; ');
}
