import { describe, expect, it } from 'vitest';
import {
  concentrationCurves,
  curveArea,
  gaussianSampler,
  makeDigitalPhantom,
  mulberry32,
  preprocessDefaults,
  selectVof,
  type VofRules,
} from '../src/index.ts';

// The VOF's area on the digital phantom with noise added to a noiseless copy: independent from frame to
// frame, or temporally correlated (AR(1), each voxel's noise e_t = ρ·e_(t−1) + √(1 − ρ²)·n_t, n_t normal, so
// its SD stays σ). The phantom's venous region (4 × 4 voxels × 5 slices = 80) carries the true VOF
// (phantom.vofDeltaHu), whose area is the truth: area(VOF) / area(AIF) is the partial-volume scale, so a
// VOF area 8% high makes every CBF and CBV 8% low.
//
// Measured over seeds 1-10 (bench/scratch study, the 15% tolerance against the old choice, the 8 largest
// ranking areas, i.e. areaToleranceFraction 0):
//   noise                 old: mean error (worst)   now: mean error (worst)
//   independent, 3 HU     −1.1% (2.5%)              +0.1% (1.0%)
//   AR(1) ρ 0.8, 3 HU     +8.0% (9.7%)              +2.0% (3.0%)
// The correlated noise survives the odd/even baseline split (a voxel whose noise is high in the odd frames
// is high in the even ones and over the bolus too), so the 8 largest areas are the 8 noisiest; averaging every
// curve within 15% of the largest takes most of the region, whose noise averages out.
const phantom = makeDigitalPhantom({ noiseHu: 0, seed: 1 });
const [nx, ny, nz] = phantom.ct.dims;
const perFrame = nx * ny * nz;
const frames = phantom.ct.frames;
const times = phantom.frameTimesS;
const truthAreaDeltaHuS = curveArea(phantom.vofDeltaHu, times);
// The frames before the arterial bolus starts (aifParams.t0S, 5 s): 0-4.
const baselineCount = times.filter((t) => t < phantom.aifParams.t0S).length;
const aifTtpS = phantom.aifParams.t0S + phantom.aifParams.alpha * phantom.aifParams.betaS;
const oldRules: VofRules = { ...preprocessDefaults.vof, areaToleranceFraction: 0 };

function noisyCopy(seed: number, sdHu: number, rho: number): Float32Array {
  const normal = gaussianSampler(mulberry32(seed));
  const data = Float32Array.from(phantom.ct.data);
  const innovation = Math.sqrt(1 - rho * rho);
  for (let v = 0; v < perFrame; v++) {
    let e = normal();
    for (let t = 0; t < frames; t++) {
      if (t > 0) e = rho * e + innovation * normal();
      data[t * perFrame + v] = (data[t * perFrame + v] ?? 0) + sdHu * e;
    }
  }
  return data;
}

/** VOF area / truth − 1 with the default rules and the old ones, and whether each VOF lies in the region. */
function vofErrors(seed: number, sdHu: number, rho: number): { now: number; old: number; inRegion: boolean } {
  const ct = { ...phantom.ct, data: noisyCopy(seed, sdHu, rho) };
  // Candidates as the pipeline takes them: voxels enhancing more than the large-vessel threshold (80 HU).
  const all = concentrationCurves(
    ct,
    Int32Array.from({ length: perFrame }, (_, v) => v),
    baselineCount,
  );
  const vessels: number[] = [];
  for (let v = 0; v < perFrame; v++) {
    const peak = Math.max(...all.subarray(v * frames, (v + 1) * frames));
    if (peak > preprocessDefaults.brainMask.vesselPeakDeltaHu) vessels.push(v);
  }
  const voxels = Int32Array.from(vessels);
  const curves = concentrationCurves(ct, voxels, baselineCount);
  const now = selectVof(curves, voxels, times, { baselineCount, aifTtpS });
  const old = selectVof(curves, voxels, times, { baselineCount, aifTtpS, rules: oldRules });
  const error = (c: Float64Array): number => curveArea(c, times) / truthAreaDeltaHuS - 1;
  return {
    now: error(now.curveDeltaHu),
    old: error(old.curveDeltaHu),
    inRegion: Array.from(now.voxels).every((v) => phantom.venousMask.data[v] === 1),
  };
}

const SEEDS = [1, 2, 3, 4, 5, 6];
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('selectVof averages every curve within areaToleranceFraction of the largest area', () => {
  // Bounds: the worst seed measured now plus about a third (1.0% → 2%, 3.0% → 4%); the old choice's worst seeds
  // reach 2.5% and 9.7%. For correlated noise the old mean error must exceed 5% (8% measured) and the new one
  // stay under 3% (2% measured).
  it.each([
    ['independent', 0, 0.02],
    ['temporally correlated (ρ 0.8)', 0.8, 0.04],
  ])('with $0 3 HU noise the VOF area is within $2 of the truth on seeds 1-6', (name, rho, bound) => {
    const results = SEEDS.map((seed) => vofErrors(seed, 3, rho));
    results.forEach((r, n) => {
      expect(r.inRegion, `seed ${SEEDS[n]}`).toBe(true);
      expect(Math.abs(r.now), `seed ${SEEDS[n]}: ${(100 * r.now).toFixed(2)}%`).toBeLessThan(bound);
    });
    const oldMean = mean(results.map((r) => r.old));
    const nowMean = mean(results.map((r) => r.now));
    // The old choice is measurably worse: further from the truth on average.
    expect(mean(results.map((r) => Math.abs(r.old)))).toBeGreaterThan(
      mean(results.map((r) => Math.abs(r.now))),
    );
    if (name !== 'independent') {
      expect(oldMean).toBeGreaterThan(0.05);
      expect(nowMean).toBeLessThan(0.03);
    }
  });
});
