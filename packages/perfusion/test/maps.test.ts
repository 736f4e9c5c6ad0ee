import { describe, expect, it } from 'vitest';
import { defaultPerfusionConstants, perfusionMaps } from '../src/index.ts';
import {
  aifCurve,
  gammaVariateAreaHuS,
  sampleTimes,
  tissueCurve,
  type TissueTruth,
} from './deconvolution-synthetic.ts';

const dtS = 1;

function curves(times: readonly number[], truths: readonly TissueTruth[]): Float32Array {
  const out = new Float32Array(truths.length * times.length);
  truths.forEach((truth, v) => {
    out.set(tissueCurve(times, truth), v * times.length);
  });
  return out;
}

describe('CBV from the area ratio', () => {
  it('is CBF·MTT/60 within ±2% for every residue shape once the curves return to baseline', () => {
    // 120 s so that even MTT 12 s has washed out (the area ratio cannot count what was not acquired).
    // Worked: ∫Ct = (ρ/kH)·(CBF/6000)·MTT·∫Ca, so 100·(kH/ρ)·∫Ct/∫Ca = CBF·MTT/60.
    const times = sampleTimes(120, dtS);
    const truths: TissueTruth[] = [];
    for (const shape of ['exp', 'box', 'gamma'] as const)
      for (const [cbf, mttS] of [
        [10, 12],
        [40, 4],
        [80, 2],
        [25, 8],
      ] as const)
        truths.push({ cbfMl100gMin: cbf, mttS, delayS: 1.5, shape });
    const maps = perfusionMaps(aifCurve(times), curves(times, truths), times.length, dtS, { method: 'osvd' });
    truths.forEach((t, v) => {
      const expected = (t.cbfMl100gMin * t.mttS) / 60;
      expect(Math.abs((maps.cbvMl100g[v] ?? 0) / expected - 1)).toBeLessThan(0.02);
    });
  });

  it('uses the trapezoid area of the arterial curve (analytic check of the test curve)', () => {
    // ∫ gamma variate (peak 300, α 3, β 1.5 s) = 300·4.5·e³·3!/3⁴ = 2008.6 ΔHU·s; the 1 s samples' trapezoid
    // sum of this smooth curve agrees within 0.1%.
    const aif = aifCurve(sampleTimes(120, dtS));
    const trapezoid = aif.reduce((s, v) => s + v, 0) * dtS;
    expect(gammaVariateAreaHuS()).toBeCloseTo(2008.6, 0);
    expect(Math.abs(trapezoid / gammaVariateAreaHuS() - 1)).toBeLessThan(0.001);
  });
});

describe('CBF, MTT, Tmax and TTP maps (oSVD, 60 frames)', () => {
  const times = sampleTimes(60, dtS);
  const truths: TissueTruth[] = [];
  for (const cbf of [20, 50])
    for (const mttS of [4, 6, 8])
      for (const delayS of [0, 2]) truths.push({ cbfMl100gMin: cbf, mttS, delayS, shape: 'gamma' });
  const maps = perfusionMaps(aifCurve(times), curves(times, truths), times.length, dtS, { method: 'osvd' });

  it('gives CBF and MTT within ±10% and MTT = 60·CBV/CBF', () => {
    truths.forEach((t, v) => {
      const cbf = maps.cbfMl100gMin[v] ?? 0;
      const cbv = maps.cbvMl100g[v] ?? 0;
      const mtt = maps.mttS[v] ?? 0;
      expect(Math.abs(cbf / t.cbfMl100gMin - 1)).toBeLessThan(0.1);
      expect(Math.abs(mtt / t.mttS - 1)).toBeLessThan(0.1);
      expect(mtt).toBeCloseTo((60 * cbv) / cbf, 4);
    });
  });

  it('gives Tmax near the delay and TTP after the arterial peak', () => {
    // the arterial peak is at t0 + αβ = 12.5 s; each tissue curve peaks later, and later with delay.
    truths.forEach((t, v) => {
      expect(Math.abs((maps.tmaxS[v] ?? Number.NaN) - t.delayS)).toBeLessThanOrEqual(2 * dtS);
      expect(maps.ttpS[v]).toBeGreaterThan(12.5 + t.delayS);
    });
  });
});

describe('TTP', () => {
  it('is refined between frames by a parabola', () => {
    // y = 100 − (t − 10.3)² sampled at whole seconds: the parabola through the top three samples is y
    // itself, so the vertex is exactly 10.3 s.
    const times = sampleTimes(30, dtS);
    const tissue = Float32Array.from(times, (t) => Math.max(0, 100 - (t - 10.3) ** 2));
    const aif = aifCurve(times);
    const maps = perfusionMaps(aif, tissue, times.length, dtS, { method: 'bsvd' });
    expect(maps.ttpS[0]).toBeCloseTo(10.3, 4);
  });
});

describe('guards and constants', () => {
  const times = sampleTimes(60, dtS);
  const aif = aifCurve(times);

  it('gives 0 (not NaN) for a voxel with no enhancement', () => {
    const maps = perfusionMaps(aif, new Float32Array(times.length), times.length, dtS, { method: 'osvd' });
    for (const map of [maps.cbfMl100gMin, maps.cbvMl100g, maps.mttS]) expect(map[0]).toBe(0);
    expect(Number.isNaN(maps.ttpS[0])).toBe(false);
  });

  it('scales CBF and CBV with kH/ρ', () => {
    // halving kH halves 6000·(kH/ρ)·max k and 100·(kH/ρ)·∫Ct/∫Ca, and leaves MTT alone.
    const tissue = curves(times, [{ cbfMl100gMin: 40, mttS: 6, delayS: 1, shape: 'exp' }]);
    const base = perfusionMaps(aif, tissue, times.length, dtS, { method: 'bsvd' });
    const half = perfusionMaps(aif, tissue, times.length, dtS, {
      method: 'bsvd',
      constants: {
        ...defaultPerfusionConstants,
        haematocritFactor: defaultPerfusionConstants.haematocritFactor / 2,
      },
    });
    expect((half.cbfMl100gMin[0] ?? 0) / (base.cbfMl100gMin[0] ?? 1)).toBeCloseTo(0.5, 5);
    expect((half.cbvMl100g[0] ?? 0) / (base.cbvMl100g[0] ?? 1)).toBeCloseTo(0.5, 5);
    expect(half.mttS[0]).toBeCloseTo(base.mttS[0] ?? Number.NaN, 4);
  });

  it('refuses bad constants and an arterial curve without area, naming the field', () => {
    const tissue = new Float32Array(times.length);
    const bad = { haematocritFactor: 0, tissueDensityGPerMl: 1.04 };
    expect(() => perfusionMaps(aif, tissue, times.length, dtS, { method: 'osvd', constants: bad })).toThrow(
      /constants.haematocritFactor/,
    );
    const negative = Float64Array.from(aif, (v) => -v);
    expect(() => perfusionMaps(negative, tissue, times.length, dtS, { method: 'bsvd' })).toThrow(
      /aifDeltaHu/,
    );
  });
});
