import { describe, expect, it } from 'vitest';
import { dicomDateAndTime, dicomDateDays } from '../src/dicom/dicom-time.ts';
import { dicomDateTimeS, dicomTimeOfDayS, unwrapTimesOfDayS } from '../src/index.ts';

describe('DICOM TM, DA and DT values as seconds', () => {
  it.each([
    // [TM, seconds after midnight worked by hand]
    ['235959.999', 23 * 3600 + 59 * 60 + 59.999], // 86 399.999
    ['070015.5', 7 * 3600 + 15 + 0.5], // 25 215.5
    ['07:00:15.25', 25_215.25], // the ACR-NEMA form with colons
    ['0730', 7.5 * 3600], // minutes and seconds may be omitted (PS3.5 §6.2)
    ['12', 12 * 3600],
    ['000000.000001', 1e-6],
  ])('reads TM %s as %f s', (tm, expectedS) => {
    expect(dicomTimeOfDayS(tm)).toBeCloseTo(expectedS, 9);
  });

  it.each(['', '2460', '1261', '7', '120000.1234567', 'noon', '12:00:00pm'])('refuses TM %j', (tm) => {
    expect(dicomTimeOfDayS(tm)).toBeUndefined();
  });

  it('reads DA as days since 1970 and refuses impossible dates', () => {
    // 2000-01-01 is 30 years after 1970 with 7 leap days (72, 76, 80, 84, 88, 92, 96): 30·365 + 7 = 10 957.
    expect(dicomDateDays('20000101')).toBe(10_957);
    expect(dicomDateDays('2000.01.01')).toBe(10_957);
    expect(dicomDateDays('20250229')).toBeUndefined();
    expect(dicomDateDays('2025013')).toBeUndefined();
  });

  it('reads DT with a fraction, ignoring the UTC offset', () => {
    // 2000-01-01 12:30:15.25 = 10 957 days · 86 400 s + 45 015.25 s.
    const expectedS = 10_957 * 86_400 + 45_015.25;
    expect(dicomDateTimeS('20000101123015.25')).toBeCloseTo(expectedS, 6);
    expect(dicomDateTimeS('20000101123015.25+0100')).toBeCloseTo(expectedS, 6);
    expect(dicomDateTimeS('200001011230')).toBe(10_957 * 86_400 + 45_000);
    expect(dicomDateTimeS('2000010112301')).toBeUndefined();
  });

  it('writes a moment as DA, TM and DT to the microsecond, and reads it back', () => {
    // 2026-12-31 23:59:59.999999: one microsecond before the new year.
    const days = dicomDateDays('20261231') ?? Number.NaN;
    const moment = dicomDateAndTime(days * 86_400 + 86_400 - 1e-6);
    expect(moment).toEqual({ da: '20261231', tm: '235959.999999', dt: '20261231235959.999999' });
    expect(dicomDateAndTime(days * 86_400 + 86_400).dt).toBe('20270101000000.000000');
    expect(dicomDateTimeS(moment.dt)).toBeCloseTo(days * 86_400 + 86_400 - 1e-6, 5);
  });
});

describe('times of day put on one time line across midnight', () => {
  it('adds a day to the times after midnight of a series that started before it', () => {
    // 23:59:50, 23:59:58, 00:00:03, 00:00:10 (shuffled): the longest gap on the 24-hour circle is from
    // 10 s to 86 390 s, so the series starts at 86 390 s and 3 s and 10 s gain a day.
    expect(unwrapTimesOfDayS([3, 86_390, 10, 86_398])).toEqual([86_403, 86_390, 86_410, 86_398]);
  });

  it('leaves a series within one day as it is', () => {
    expect(unwrapTimesOfDayS([36_000.5, 36_001, 36_070])).toEqual([36_000.5, 36_001, 36_070]);
    expect(unwrapTimesOfDayS([])).toEqual([]);
  });
});
