import { describe, expect, it } from 'vitest';
import { residueFunction, residueIntegralS, type ResidueShape } from '../src/index.ts';

const SHAPES: readonly ResidueShape[] = ['box', 'exp', 'gamma'];

/** ∫₀^T R dt by the midpoint rule with step h (exact for the box when MTT is a multiple of h). */
function numericIntegral(shape: ResidueShape, mttS: number, untilS: number, stepS = 0.001): number {
  let sum = 0;
  for (let t = stepS / 2; t < untilS; t += stepS) sum += residueFunction(shape, mttS, t);
  return sum * stepS;
}

describe('residueFunction', () => {
  it.each(SHAPES)('%s: R(0) = 1, R = 0 before 0, and R never rises', (shape) => {
    expect(residueFunction(shape, 6, 0)).toBe(1);
    expect(residueFunction(shape, 6, -0.5)).toBe(0);
    let previous = 1;
    for (let t = 0; t < 60; t += 0.25) {
      const r = residueFunction(shape, 6, t);
      expect(r).toBeLessThanOrEqual(previous);
      previous = r;
    }
  });

  it.each(SHAPES.flatMap((shape) => [3.4, 6, 24].map((mttS) => [shape, mttS] as const)))(
    '%s with MTT %s s: ∫R dt = MTT numerically (midpoint rule, step 1 ms, to 40 MTT)',
    (shape, mttS) => {
      // The tail beyond 40 MTT is below e^-40 · MTT for exp and 81 e^-80 · MTT for the Erlang(2) residue; the
      // midpoint rule's error with 1 ms steps is below 1e-7 · MTT here, so 1e-5 relative is a safe tolerance.
      expect(numericIntegral(shape, mttS, 40 * mttS) / mttS).toBeCloseTo(1, 5);
    },
  );

  it('box: 1 up to MTT, 0 from MTT on', () => {
    expect(residueFunction('box', 4, 3.999)).toBe(1);
    expect(residueFunction('box', 4, 4)).toBe(0);
  });

  it('exp: R(MTT) = 1/e', () => {
    expect(residueFunction('exp', 5, 5)).toBeCloseTo(Math.exp(-1), 12);
  });

  it('gamma: the survival of an Erlang(2) transit time with mean MTT', () => {
    // Shape 2, scale θ = MTT/2 = 2 s for MTT 4 s: P(T > t) = e^(-t/θ)(1 + t/θ); at t = 2 s, 2/e = 0.73576.
    expect(residueFunction('gamma', 4, 2)).toBeCloseTo(2 / Math.E, 12);
    // and at t = 8 s (t/θ = 4): 5 e^-4 = 0.091578.
    expect(residueFunction('gamma', 4, 8)).toBeCloseTo(5 * Math.exp(-4), 12);
  });

  it('refuses a non-positive MTT and a NaN time, naming the field', () => {
    expect(() => residueFunction('exp', 0, 1)).toThrow(/mttS/);
    expect(() => residueFunction('box', Number.NaN, 1)).toThrow(/mttS/);
    expect(() => residueFunction('gamma', 4, Number.NaN)).toThrow(/tS/);
  });
});

describe('residueIntegralS', () => {
  it.each(SHAPES)('%s: equals the numerical ∫₀ᵗ R at several t and tends to MTT', (shape) => {
    for (const tS of [0.5, 3, 7.9, 20]) {
      // Midpoint rule with 1 ms steps: error well below 1e-6 s for these smooth (or step-aligned) residues.
      expect(residueIntegralS(shape, 8, tS)).toBeCloseTo(numericIntegral(shape, 8, tS), 5);
    }
    expect(residueIntegralS(shape, 8, 0)).toBe(0);
    expect(residueIntegralS(shape, 8, 1e4)).toBeCloseTo(8, 9);
  });

  it('exp: MTT (1 − e^(−t/MTT)), e.g. 5 (1 − 1/e) = 3.16060 at t = MTT = 5 s', () => {
    expect(residueIntegralS('exp', 5, 5)).toBeCloseTo(3.160603, 5);
  });
});
