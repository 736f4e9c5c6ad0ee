// DICOM dates and times as numbers: DA "YYYYMMDD", TM "HHMMSS.FFFFFF" (PS3.5 §6.2; components after the
// hour may be omitted, and the older ACR-NEMA form "HH:MM:SS.frac" is still met) and DT
// "YYYYMMDDHHMMSS.FFFFFF&ZZXX" (the UTC offset suffix is ignored: one series shares one offset).

const secondsPerDay = 86_400;
const msPerDay = secondsPerDay * 1000;

/** Seconds after midnight of a DICOM TM value, with its fraction; undefined when it is not a TM. */
export function dicomTimeOfDayS(tm: string): number | undefined {
  const text = tm.trim().replaceAll(':', '');
  const match = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const seconds = Number(match[3] ?? '0');
  const fraction = match[4] === undefined ? 0 : Number(`0${match[4]}`);
  // Seconds may be 60 in a leap second (PS3.5 §6.2, TM).
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  return hours * 3600 + minutes * 60 + seconds + fraction;
}

/** Days since 1970-01-01 of a DICOM DA value; undefined when it is not a DA. */
export function dicomDateDays(da: string): number | undefined {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da.trim());
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / msPerDay;
}

/** Seconds since 1970-01-01 (in the series' own time zone) of a date and a time of day. */
export function dicomDateAndTimeS(da: string, tm: string): number | undefined {
  const days = dicomDateDays(da);
  const timeS = dicomTimeOfDayS(tm);
  return days === undefined || timeS === undefined ? undefined : days * secondsPerDay + timeS;
}

/** Seconds since 1970-01-01 of a DICOM DT value (at least the date; the UTC offset is ignored). */
export function dicomDateTimeS(dt: string): number | undefined {
  const match = /^(\d{8})(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?(?:[+-]\d{4})?$/.exec(dt.trim());
  if (match === null) return undefined;
  return dicomDateAndTimeS(match[1] ?? '', match[2] ?? '00');
}

/**
 * Times of day (s after midnight) of one acquisition, put on one time line: a series that runs over
 * midnight has times just before 86 400 s and just after 0. The series starts after the longest gap on
 * the 24-hour circle, so times after that point and before midnight stay as they are and later ones
 * gain a day. (A dynamic series lasts minutes, so the longest gap is the night between the last and the
 * first image.)
 */
export function unwrapTimesOfDayS(timesOfDayS: readonly number[]): number[] {
  if (timesOfDayS.length === 0) return [];
  const sorted = [...timesOfDayS].sort((a, b) => a - b);
  let startS = sorted[0] ?? 0;
  let longestGapS = (sorted[0] ?? 0) + secondsPerDay - (sorted[sorted.length - 1] ?? 0);
  for (let index = 1; index < sorted.length; index++) {
    const gapS = (sorted[index] ?? 0) - (sorted[index - 1] ?? 0);
    if (gapS > longestGapS) {
      longestGapS = gapS;
      startS = sorted[index] ?? 0;
    }
  }
  return timesOfDayS.map((t) => (t < startS ? t + secondsPerDay : t));
}

/** A moment as DICOM writes it: DA, TM (to the microsecond) and DT, from seconds since 1970-01-01. */
export function dicomDateAndTime(secondsSinceEpoch: number): { da: string; tm: string; dt: string } {
  if (!Number.isFinite(secondsSinceEpoch))
    throw new RangeError(`${secondsSinceEpoch} s is not a moment that DICOM can write`);
  const totalUs = Math.round(secondsSinceEpoch * 1e6);
  const usPerDay = msPerDay * 1000;
  const days = Math.floor(totalUs / usPerDay);
  const dayUs = totalUs - days * usPerDay;
  const date = new Date(days * msPerDay);
  const pad = (value: number, digits: number): string => String(value).padStart(digits, '0');
  const da = `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`;
  const wholeS = Math.floor(dayUs / 1e6);
  const tm = `${pad(Math.floor(wholeS / 3600), 2)}${pad(Math.floor(wholeS / 60) % 60, 2)}${pad(wholeS % 60, 2)}.${pad(dayUs - wholeS * 1e6, 6)}`;
  return { da, tm, dt: `${da}${tm}` };
}
