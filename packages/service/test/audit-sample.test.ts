import { describe, expect, it } from 'vitest';
import { drawAuditSample, monthSeed, sampleSize } from '../src/audit-programme/audit-sample.ts';
import { mulberry32 } from '../src/audit-programme/seeded-random.ts';

// Reference values computed independently with a Python re-implementation of mulberry32 (32-bit
// unsigned arithmetic written out with & 0xffffffff), not with this code.

describe('mulberry32', () => {
  it('gives the first outputs for seed 1 that an independent implementation gives', () => {
    // Python: 2693262067, 11749833, 2265367787 (÷ 2^32).
    const random = mulberry32(1);
    expect(random()).toBeCloseTo(2693262067 / 2 ** 32, 15);
    expect(random()).toBeCloseTo(11749833 / 2 ** 32, 15);
    expect(random()).toBeCloseTo(2265367787 / 2 ** 32, 15);
  });
});

describe('the monthly audit sample (ROS 9.2: 10% a year, drawn monthly)', () => {
  it('draws 10% rounded up, so a month with any items gives at least one', () => {
    // 0 → 0; 1 → 0.1 → 1; 9 → 0.9 → 1; 10 → 1; 11 → 1.1 → 2; 30 → 3 exactly; 95 → 9.5 → 10.
    expect([0, 1, 9, 10, 11, 30, 95].map((n) => sampleSize(n, 10))).toEqual([0, 1, 1, 1, 2, 3, 10]);
  });

  it('mixes the month into the seed', () => {
    // October 2026 is month number 2026 × 12 + 9 = 24321; 24321 × 0x9e3779b9 mod 2^32 = 878911673;
    // XOR with seed 1 clears the low bit: 878911672.
    expect(monthSeed(1, '2026-10')).toBe(878911672);
    expect(() => monthSeed(1, '2026-13')).toThrow('month must be YYYY-MM');
  });

  it('draws a small case worked by hand', () => {
    // 11 ids r01..r11 sorted; size 2; mulberry32(878911672) gives 3890791302 / 2^32 = 0.90590 then
    // 50842067 / 2^32 = 0.01184. Draw 1: j = 0 + floor(0.90590 × 11) = 9 → r10 (swapped to the front).
    // Draw 2: j = 1 + floor(0.01184 × 10) = 1 → r02.
    const ids = Array.from({ length: 11 }, (_, i) => `r${String(i + 1).padStart(2, '0')}`);
    expect(drawAuditSample(1, '2026-10', ids, 10)).toEqual({
      month: '2026-10',
      seed: 1,
      populationSize: 11,
      ids: ['r10', 'r02'],
    });
  });

  it('gives the same sample for the same seed whatever order the ids came in', () => {
    const ids = Array.from({ length: 95 }, (_, i) => `scan-${String(i)}`);
    const shuffled = [...ids].reverse();
    const interleaved = ids.filter((_, i) => i % 2 === 0).concat(ids.filter((_, i) => i % 2 === 1));
    const first = drawAuditSample(20261001, '2026-10', ids, 10);
    expect(first.ids).toHaveLength(10);
    expect(new Set(first.ids).size).toBe(10);
    expect(drawAuditSample(20261001, '2026-10', shuffled, 10)).toEqual(first);
    expect(drawAuditSample(20261001, '2026-10', interleaved, 10)).toEqual(first);
    // Duplicated ids (a row read twice) count once.
    expect(drawAuditSample(20261001, '2026-10', [...ids, ...ids.slice(0, 5)], 10)).toEqual(first);
  });

  it('gives a different sample for a different seed or month', () => {
    const ids = Array.from({ length: 95 }, (_, i) => `scan-${String(i)}`);
    const first = drawAuditSample(20261001, '2026-10', ids, 10).ids;
    expect(drawAuditSample(20261002, '2026-10', ids, 10).ids).not.toEqual(first);
    expect(drawAuditSample(20261001, '2026-11', ids, 10).ids).not.toEqual(first);
  });

  it('draws nothing from an empty month', () => {
    expect(drawAuditSample(7, '2026-02', [], 10)).toEqual({
      month: '2026-02',
      seed: 7,
      populationSize: 0,
      ids: [],
    });
  });
});
