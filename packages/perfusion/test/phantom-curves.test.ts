import { describe, expect, it } from 'vitest';
import {
  defaultPerfusionConstants,
  gammaVariate,
  gammaVariateAreaDeltaHuS,
  gaussianSampler,
  mulberry32,
  tissueCurveDeltaHu,
  type GammaVariateParams,
  type ResidueShape,
} from '../src/index.ts';

const AIF: GammaVariateParams = { t0S: 5, alpha: 3, betaS: 1.5, peakDeltaHu: 400 };
const { haematocritFactor: kH, tissueDensityGPerMl: rho } = defaultPerfusionConstants;

/** Trapezoid area of samples on a uniform grid. */
function trapezoid(values: ArrayLike<number>, stepS: number): number {
  let sum = 0;
  for (let i = 1; i < values.length; i++) sum += ((values[i - 1] ?? 0) + (values[i] ?? 0)) / 2;
  return sum * stepS;
}

function grid(stepS: number, untilS: number): number[] {
  return Array.from({ length: Math.round(untilS / stepS) + 1 }, (_, i) => i * stepS);
}

describe('gammaVariate', () => {
  it('is 0 up to t0, peaks at t0 + αβ with the peak height, and falls after', () => {
    // Peak at 5 + 3·1.5 = 9.5 s.
    expect(gammaVariate(5, AIF)).toBe(0);
    expect(gammaVariate(2, AIF)).toBe(0);
    expect(gammaVariate(9.5, AIF)).toBeCloseTo(400, 10);
    expect(gammaVariate(9.4, AIF)).toBeLessThan(400);
    expect(gammaVariate(9.6, AIF)).toBeLessThan(400);
  });

  it('has the closed-form area peak · β · Γ(α+1) · (e/α)^α', () => {
    // 400 · 1.5 · 3! · (e/3)³ = 3600 · 0.743906 = 2678.06 ΔHU·s.
    const expected = 400 * 1.5 * 6 * Math.pow(Math.E / 3, 3);
    expect(expected).toBeCloseTo(2678.06, 1);
    expect(gammaVariateAreaDeltaHuS(AIF) / expected).toBeCloseTo(1, 9);
  });

  it('refuses bad parameters naming the field', () => {
    expect(() => gammaVariateAreaDeltaHuS({ ...AIF, betaS: 0 })).toThrow(/betaS/);
    expect(() => gammaVariateAreaDeltaHuS({ ...AIF, alpha: -1 })).toThrow(/alpha/);
  });
});

describe('tissueCurveDeltaHu', () => {
  it.each(
    (['box', 'exp', 'gamma'] as const).flatMap((residue) =>
      [
        { cbfMl100gMin: 50, mttS: 4, delayS: 0 },
        { cbfMl100gMin: 12.5, mttS: 24, delayS: 3 },
        { cbfMl100gMin: 30, mttS: 8, delayS: 1.5 },
      ].map((t) => ({ residue, ...t })),
    ),
  )('area = (ρ/kH)·F·MTT·∫Ca for $residue, CBF $cbfMl100gMin, MTT $mttS s, delay $delayS s', (tissue) => {
    // ∫Ct = (ρ/kH)·F·∫Ca·∫R = (ρ/kH)·F·MTT·∫Ca. E.g. CBF 50, MTT 4 s: (1.04/0.73)·(50/6000)·4·2678.06 =
    // 1.424658 · 0.0083333 · 4 · 2678.06 = 127.19 ΔHU·s. Sampled every 0.5 s to 300 s (the tail beyond it is
    // below e^-11 of the area for MTT 24 s); the trapezoid on these smooth curves and the midpoint
    // convolution each err well under 0.05%, so 3 decimals (±0.05%) holds.
    const stepS = 0.5;
    const curve = tissueCurveDeltaHu(grid(stepS, 300), AIF, tissue);
    const expected = (rho / kH) * (tissue.cbfMl100gMin / 6000) * tissue.mttS * gammaVariateAreaDeltaHuS(AIF);
    if (tissue.cbfMl100gMin === 50 && tissue.mttS === 4) expect(expected).toBeCloseTo(127.19, 1);
    expect(trapezoid(curve, stepS) / expected).toBeCloseTo(1, 3);
  });

  it('box residue: Ct(t) = (ρ/kH)·F·∫ from t−MTT to t of Ca(τ − δ) dτ, checked by Simpson at one time', () => {
    const tissue = { residue: 'box' as ResidueShape, cbfMl100gMin: 40, mttS: 6, delayS: 1 };
    const tS = 14;
    // Simpson over τ in [8, 14] with 6000 intervals, independent of the sub-step convolution.
    const n = 6000;
    const h = tissue.mttS / n;
    let sum = 0;
    for (let i = 0; i <= n; i++) {
      const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
      sum += w * gammaVariate(tS - tissue.mttS + i * h - tissue.delayS, AIF);
    }
    const expected = (rho / kH) * (tissue.cbfMl100gMin / 6000) * ((sum * h) / 3);
    const [value] = tissueCurveDeltaHu([tS], AIF, tissue);
    // Midpoint with 0.1 s cells: error ≈ h²/24 · ∫|Ca''| ≈ 4e-4 · 6 · 180 / 6 relative ≪ 0.1%.
    expect((value ?? 0) / expected).toBeCloseTo(1, 3);
  });

  it('exp residue obeys the one-compartment equation dCt/dt = (ρ/kH)·F·Ca(t − δ) − Ct/MTT', () => {
    // Differentiating Ct = c·∫₀ᵗ Ca(τ − δ)·e^(−(t−τ)/MTT) dτ (c = (ρ/kH)·F) gives the equation above; checked
    // by a central difference (±0.01 s, error ~1e-4 · |Ct'''|) at times across the bolus. The right side
    // peaks near c · 400 = 4.7 ΔHU/s for CBF 50, so ±0.005 ΔHU/s is about 0.1% of it.
    const tissue = { residue: 'exp' as ResidueShape, cbfMl100gMin: 50, mttS: 6, delayS: 1.5 };
    const c = (rho / kH) * (tissue.cbfMl100gMin / 6000);
    for (const tS of [8, 10, 12, 15, 20, 30]) {
      const [before = 0, at = 0, after = 0] = tissueCurveDeltaHu([tS - 0.01, tS, tS + 0.01], AIF, tissue);
      const slope = (after - before) / 0.02;
      expect(slope).toBeCloseTo(c * gammaVariate(tS - tissue.delayS, AIF) - at / tissue.mttS, 2);
    }
  });

  it('box residue obeys dCt/dt = (ρ/kH)·F·(Ca(t − δ) − Ca(t − δ − MTT))', () => {
    // What enters leaves exactly MTT later (plug flow); same central difference as above.
    const tissue = { residue: 'box' as ResidueShape, cbfMl100gMin: 50, mttS: 4, delayS: 0.5 };
    const c = (rho / kH) * (tissue.cbfMl100gMin / 6000);
    for (const tS of [7, 9.3, 11, 13.7, 18]) {
      const [before = 0, after = 0] = tissueCurveDeltaHu([tS - 0.01, tS + 0.01], AIF, tissue);
      const expected =
        c * (gammaVariate(tS - tissue.delayS, AIF) - gammaVariate(tS - tissue.delayS - tissue.mttS, AIF));
      expect((after - before) / 0.02).toBeCloseTo(expected, 2);
    }
  });

  it('a delay shifts the curve: the curve with δ = 2 s at t + 2 equals the curve with δ = 0 at t', () => {
    const times = grid(1, 60);
    const base = { residue: 'exp' as ResidueShape, cbfMl100gMin: 40, mttS: 5 };
    const early = tissueCurveDeltaHu(times, AIF, { ...base, delayS: 0 });
    const late = tissueCurveDeltaHu(times, AIF, { ...base, delayS: 2 });
    for (let i = 0; i + 2 < times.length; i++) expect(late[i + 2]).toBeCloseTo(early[i] ?? Number.NaN, 9);
    expect(late[6]).toBe(0); // the AIF arrives at 5 s, so the tissue not before 5 + 2 = 7 s
  });

  it('refuses bad tissue values naming the field', () => {
    const ok = { residue: 'exp' as ResidueShape, cbfMl100gMin: 40, mttS: 5, delayS: 0 };
    expect(() => tissueCurveDeltaHu([1], AIF, { ...ok, mttS: 0 })).toThrow(/mttS/);
    expect(() => tissueCurveDeltaHu([1], AIF, { ...ok, cbfMl100gMin: -1 })).toThrow(/cbfMl100gMin/);
    expect(() => tissueCurveDeltaHu([1], AIF, { ...ok, delayS: Number.NaN })).toThrow(/delayS/);
    expect(() => tissueCurveDeltaHu([Number.NaN], AIF, ok)).toThrow(/timesS\[0\]/);
    expect(() => tissueCurveDeltaHu([1], AIF, ok, { substepS: 0 })).toThrow(/substepS/);
  });
});

describe('seeded noise', () => {
  it('mulberry32: the same seed gives the same sequence, another seed another, all in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first);
    expect(first.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(() => mulberry32(1.5)).toThrow(/seed/);
  });

  it('Box–Muller deviates have mean 0 and SD 1', () => {
    // 200 000 deviates: SE of the mean 0.0022, of the SD 0.0016; tolerances about 4.5 SE.
    const gaussian = gaussianSampler(mulberry32(3));
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const x = gaussian();
      sum += x;
      sumSquares += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(sumSquares / n - mean * mean) - 1)).toBeLessThan(0.0075);
  });
});
