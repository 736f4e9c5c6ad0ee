import { describe, expect, it } from 'vitest';
import { kthSmallest } from '../src/output/map-montage-png.ts';
import { mulberry32 } from '../src/index.ts';

/** The k-th entry of a typed array's own sort (the order the montage's colour range was taken from). */
const bySort = (values: Float32Array, k: number): number => Float32Array.from(values).sort()[k] ?? NaN;

describe('kthSmallest', () => {
  it('gives the sorted array’s k-th value for every k, with ties, ±0 and NaN', () => {
    const random = mulberry32(7);
    const values = Float32Array.from({ length: 301 }, () => {
      const u = random();
      // a few distinct values (many ties), zeros of both signs, NaN, negatives.
      if (u < 0.1) return NaN;
      if (u < 0.2) return -0;
      if (u < 0.3) return 0;
      return Math.round((random() - 0.3) * 8) / 2;
    });
    for (let k = 0; k < values.length; k++) {
      expect(Object.is(kthSmallest(Float32Array.from(values), k), bySort(values, k)), `k = ${k}`).toBe(true);
    }
  });

  it('gives the sorted array’s k-th value on distinct values, first, middle and last', () => {
    const random = mulberry32(3);
    const values = Float32Array.from({ length: 10_001 }, () => 100 * random());
    for (const k of [0, 1, 5000, 9_899, 10_000]) {
      expect(kthSmallest(Float32Array.from(values), k)).toBe(bySort(values, k));
    }
  });
});
