import { describe, expect, it } from 'vitest';
import { qctPhantomQc } from '../src/index.ts';

const days = (values: readonly number[], rod?: string) =>
  values.map((valueMgCm3, i) => ({
    date: `2026-01-${String(i + 1).padStart(2, '0')}`,
    valueMgCm3,
    ...(rod === undefined ? {} : { rod }),
  }));

describe('QCT phantom QC (ACR QCT VI.B)', () => {
  it('flags a measurement more than 1% from a given baseline', () => {
    // baseline 100: 100.9 is +0.9%, 101.1 is +1.1% (flagged), 98.8 is -1.2% (flagged), 99 is -1.0% (not)
    const r = qctPhantomQc(days([100.9, 101.1, 98.8, 99]), [{ valueMgCm3: 100 }]);
    const rod = r.rods[0];
    expect(r.limitPercent).toBe(1);
    expect(rod?.baselineFrom).toBe('given');
    expect(rod?.points.map((p) => p.flagged)).toEqual([false, true, true, false]);
    expect(rod?.points[1]?.deviationPercent).toBeCloseTo(1.1, 10);
    expect(r.summary).toEqual({ rods: 1, measurements: 4, flagged: 2, rodsFlagged: 1 });
  });

  it('makes the baseline from the first 10 measurements when none is given, and the precision from all', () => {
    // ten at 200 and 200.4 alternating: mean 200.2; then 203 is +1.3986% (flagged)
    const first = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 200 : 200.4));
    const r = qctPhantomQc(days([...first, 203], 'rod 200'));
    const rod = r.rods[0];
    expect(rod?.rod).toBe('rod 200');
    expect(rod?.baselineFrom).toBe('first_measurements');
    expect(rod?.baselineMgCm3).toBeCloseTo(200.2, 10);
    expect(rod?.points.slice(0, 10).every((p) => p.inBaseline && !p.flagged)).toBe(true);
    // 100 × 2.8 / 200.2 = 1.3986…%, reported as 1.40
    expect(rod?.points[10]?.deviationPercent).toBe(1.4);
    expect(rod?.points[10]?.flagged).toBe(true);
    // mean of all 11: (2002 + 203) / 11 = 200.4545…
    expect(rod?.meanMgCm3).toBeCloseTo(2205 / 11, 10);
    const mean = 2205 / 11;
    const values = [...first, 203];
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 10);
    expect(rod?.sdMgCm3).toBeCloseTo(sd, 10);
    expect(rod?.cvPercent).toBeCloseTo((100 * sd) / mean, 10);
  });

  it('keeps rods apart, sorts by date and uses a rod baseline before the phantom-wide one', () => {
    const r = qctPhantomQc(
      [
        { date: '2026-02-02', valueMgCm3: 51, rod: 'rod 50' },
        { date: '2026-02-01', valueMgCm3: 50, rod: 'rod 50' },
        { date: '2026-02-01', valueMgCm3: 150, rod: 'rod 150' },
      ],
      [{ valueMgCm3: 50, rod: 'rod 50' }, { valueMgCm3: 149 }],
    );
    const r50 = r.rods.find((x) => x.rod === 'rod 50');
    const r150 = r.rods.find((x) => x.rod === 'rod 150');
    expect(r50?.points.map((p) => p.date)).toEqual(['2026-02-01', '2026-02-02']);
    expect(r50?.points.map((p) => p.flagged)).toEqual([false, true]); // 51 is +2%
    expect(r150?.baselineMgCm3).toBe(149);
    expect(r150?.points[0]?.flagged).toBe(false); // 150 / 149 = +0.67%
    expect(r.summary.rodsFlagged).toBe(1);
  });

  it('refuses too few measurements without a baseline, and bad values, naming them', () => {
    expect(() => qctPhantomQc(days([100, 101], 'rod A'))).toThrow(
      /rod "rod A": no baseline given and 2 measurements/,
    );
    expect(() => qctPhantomQc([])).toThrow(/^measurements/);
    expect(() => qctPhantomQc([{ date: '2026-1-5', valueMgCm3: 100 }], [{ valueMgCm3: 100 }])).toThrow(
      /measurements\[0\]\.date/,
    );
    expect(() => qctPhantomQc(days([100, Number.NaN]), [{ valueMgCm3: 100 }])).toThrow(
      /measurements\[1\]\.valueMgCm3/,
    );
    expect(() => qctPhantomQc(days([100]), [{ valueMgCm3: 100, rod: 'nope' }])).toThrow(
      /rod "nope" has no measurements/,
    );
  });

  it('does not flag a deviation of exactly 1% through rounding error', () => {
    // 151.702 against 150.2 is +1.000% exactly (100 × 1.502 / 150.2); computed in floating point it is
    // 1.0000000000000064. It is compared as reported (1.00%), so it is within the limit.
    const r = qctPhantomQc(days([151.702, 151.8]), [{ valueMgCm3: 150.2 }]);
    expect(r.rods[0]?.points.map((p) => [p.deviationPercent, p.flagged])).toEqual([
      [1, false],
      // 100 × 1.6 / 150.2 = 1.065…% → 1.07%, beyond 1%
      [1.07, true],
    ]);
  });

  it('holds a 0 mg/cm³ insert to the absolute floor, not to a percentage of nothing', () => {
    // Baseline 0.1 mg/cm³: 1% of it is 0.001 mg/cm³, below the 0.5 mg/cm³ floor (data/qct-phantom-qc.json).
    // −0.3 is 0.4 from it (within 0.5); 0.7 is 0.6 from it (beyond).
    const r = qctPhantomQc(days([-0.3, 0.7], 'water'), [{ valueMgCm3: 0.1, rod: 'water' }]);
    const rod = r.rods[0];
    expect(rod?.limitMgCm3).toBe(0.5);
    expect(rod?.points.map((p) => [p.deviationMgCm3, p.flagged])).toEqual([
      [-0.4, false],
      [0.6, true],
    ]);
    // A 0 mg/cm³ baseline has no percentage.
    expect(qctPhantomQc(days([0.2]), [{ valueMgCm3: 0 }]).rods[0]?.points[0]?.deviationPercent).toBeNull();
  });
});
