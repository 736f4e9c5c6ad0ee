import { describe, expect, it } from 'vitest';
import {
  deconvolutionDefaults,
  leastSquaresSlope,
  makeDigitalPhantom,
  pearsonR,
  perfusionMaps,
  smoothInPlane,
  tileMedians,
  type PerfusionMaps,
  type ResidueShape,
} from '../src/index.ts';

// Issue 8 §4 on the digital phantom (after Kudo 2013): the engine's default oSVD with the phantom's TRUE
// arterial curve (aifDeltaHu, so the AIF selection is not under test here) and ΔHU tissue curves (HU minus
// the mean of the frames before 5 s, the AIF's arrival), after the default in-plane smoothing within the
// tissue mask (deconvolution-defaults.json spatialSmoothing). 90 frames at 1 s (the phantom's 60-frame
// default truncates the 24-s-MTT tiles' washout, which biases CBV, a property of the acquisition, not of the
// engine). All 245 tiles (5 slices × 7 × 7) are used. Statistics as Kudo did: per-tile medians against the
// truth; mean bias = Σ medians / Σ truth − 1; CBF drift = least-squares slope of the tiles' relative CBF
// error against their delay.
//
// The default engine refines the oSVD result by a gamma transit-time model fit (deconvolution-defaults.json
// modelFit; residue-model-fit.ts, after Mouridsen 2006): CBF from the fitted flow, Tmax from the fitted delay.
// Measured (seeded, deterministic, seed 1; seeds 2 and 3 in brackets where they differ by more than 0.005 / 1
// point) with the defaults of this commit:
//             CBF r          bias                slope/s  CBV r  bias   MTT r  Tmax r (box: no criterion)
// exp   0 HU  1.000          −0.6%               +0.5%    0.999 −0.6%  0.999  1.000
// exp   2 HU  0.996 (0.998)  −2.6% (−2.2, −2.5)  −0.2%    0.992 −0.8%  0.989  0.983 (0.986, 0.989)
// gamma 0 HU  0.999          +2.9%               +0.3%    1.000 −0.1%  1.000  1.000
// gamma 2 HU  0.988          +4.1% (+5.2, +4.6)  +0.0% (−1.6, +0.5)  0.992 −0.3%  0.989  0.981 (0.985)
// box   0 HU  1.000          +1.1%               +0.4%    1.000  0.0%  1.000  1.000
// box   2 HU  0.989 (0.972, 0.992) +4.9% (+7.2, +3.7) +0.5% 0.992 −0.2% 0.990 0.973 (0.977, 0.982)
// (box at 2 HU was +16.7% (+19.2, +14.9), CBF r 0.964 (0.958, 0.968) before the model search moved along
// the valley of constant first moment (residue-model-fit.ts): it stopped at a later front and a shorter MTT,
// so a higher flow; an exhaustive search of the grid, every 4th voxel of seed 1: +0.6%, this search +0.7%.)
// oSVD alone (modelFit false), before this refinement: CBF bias −17.8 / −18.9% (exp 0 / 2 HU), −6.3 / −6.4%
// (gamma), +8.0 / +16.8% (box); CBF r 0.984-0.999; MTT r 0.955-0.999; Tmax r (peak) 0.990 / 0.613 (exp),
// 0.987 / 0.580 (gamma), 0.952 / 0.345 (box).

const FRAMES = 90;
const ARRIVAL_S = 5;

interface Judged {
  r: Record<'cbf' | 'cbv' | 'mtt' | 'tmax', number>;
  bias: Record<'cbf' | 'cbv', number>;
  cbfSlopePerS: number;
}

function judge(
  residue: ResidueShape,
  noiseHu: number,
  tmaxEstimator: 'peak' | 'half-rise' = 'peak',
  modelFit = true,
): Judged {
  const phantom = makeDigitalPhantom({ residue, noiseHu, frameCount: FRAMES });
  const mask = phantom.tissueMask.data;
  const ct = smoothInPlane(phantom.ct, mask, deconvolutionDefaults.spatialSmoothing.sigmaMm);
  const perFrame = mask.length;
  const voxels: number[] = [];
  for (let v = 0; v < perFrame; v++) if (mask[v] === 1) voxels.push(v);
  const baselineCount = phantom.frameTimesS.filter((t) => t < ARRIVAL_S).length;
  const curves = new Float32Array(voxels.length * FRAMES);
  voxels.forEach((v, n) => {
    let baseline = 0;
    for (let t = 0; t < baselineCount; t++) baseline += ct.data[v + perFrame * t] ?? 0;
    baseline /= baselineCount;
    for (let t = 0; t < FRAMES; t++) curves[n * FRAMES + t] = (ct.data[v + perFrame * t] ?? 0) - baseline;
  });
  const maps = perfusionMaps(Float64Array.from(phantom.aifDeltaHu), curves, FRAMES, 1, {
    method: 'osvd',
    tmaxEstimator,
    modelFit,
  });
  const full = (values: Float32Array): Float32Array => {
    const out = new Float32Array(perFrame);
    voxels.forEach((v, n) => (out[v] = values[n] ?? 0));
    return out;
  };
  const tiles = phantom.tiles;
  const medians = (key: Exclude<keyof PerfusionMaps, 'modelFitFallback'>): number[] =>
    Array.from(tileMedians(full(maps[key]), tiles));
  const cbf = medians('cbfMl100gMin');
  const cbv = medians('cbvMl100g');
  const truthCbf = tiles.map((t) => t.cbfMl100gMin);
  const truthCbv = tiles.map((t) => t.cbvMl100g);
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  return {
    r: {
      cbf: pearsonR(cbf, truthCbf),
      cbv: pearsonR(cbv, truthCbv),
      mtt: pearsonR(
        medians('mttS'),
        tiles.map((t) => t.mttS),
      ),
      tmax: pearsonR(
        medians('tmaxS'),
        tiles.map((t) => t.tmaxS),
      ),
    },
    bias: { cbf: sum(cbf) / sum(truthCbf) - 1, cbv: sum(cbv) / sum(truthCbv) - 1 },
    cbfSlopePerS: leastSquaresSlope(
      tiles.map((t) => t.delayS),
      cbf.map((m, i) => m / (truthCbf[i] ?? Number.NaN) - 1),
    ),
  };
}

const cache = new Map<string, Judged>();
function judged(residue: ResidueShape, noiseHu: number): Judged {
  const key = `${residue}/${noiseHu}`;
  let result = cache.get(key);
  if (result === undefined) {
    result = judge(residue, noiseHu);
    cache.set(key, result);
  }
  return result;
}

const cases = [
  ['exp', 0],
  ['exp', 2],
  ['gamma', 0],
  ['gamma', 2],
  ['box', 0],
  ['box', 2],
] as const;

describe('digital phantom accuracy (issue 8 §4), default oSVD and model fit, true AIF, 90 frames', () => {
  it.each(cases)('%s residue, %d HU noise: Pearson r ≥ 0.95 for CBF, CBV and MTT', (residue, noiseHu) => {
    const { r } = judged(residue, noiseHu);
    expect(r.cbf).toBeGreaterThanOrEqual(0.95);
    expect(r.cbv).toBeGreaterThanOrEqual(0.95);
    expect(r.mtt).toBeGreaterThanOrEqual(0.95);
  });

  it.each(cases)('%s residue, %d HU noise: mean CBV bias within ±10%%', (residue, noiseHu) => {
    expect(Math.abs(judged(residue, noiseHu).bias.cbv)).toBeLessThanOrEqual(0.1);
  });

  it.each(cases)(
    '%s residue, %d HU noise: CBF error does not drift with delay (< 5%%/s)',
    (residue, noiseHu) => {
      expect(Math.abs(judged(residue, noiseHu).cbfSlopePerS)).toBeLessThan(0.05);
    },
  );

  it.each([
    ['exp', 0],
    ['exp', 2],
    ['gamma', 0],
    ['gamma', 2],
    ['box', 0],
    ['box', 2],
  ] as const)('%s residue, %d HU noise: mean CBF bias within ±10%%', (residue, noiseHu) => {
    expect(Math.abs(judged(residue, noiseHu).bias.cbf)).toBeLessThanOrEqual(0.1);
  });

  it.each([
    ['exp', 0],
    ['exp', 2],
    ['gamma', 0],
    ['gamma', 2],
  ] as const)('%s residue, %d HU noise: Tmax r ≥ 0.95 (delay of the fitted model)', (residue, noiseHu) => {
    expect(judged(residue, noiseHu).r.tmax).toBeGreaterThanOrEqual(0.95);
  });

  it("without noise, the oSVD residue's 'half-rise' Tmax tracks the delay for every residue shape, box included (r ≥ 0.99)", () => {
    // the residue's own reading (modelFit off): measured r 0.999 (exp), 0.999 (gamma), 0.998 (box); tile-median
    // mean absolute error 0.05-0.08 s.
    for (const residue of ['exp', 'gamma', 'box'] as const)
      expect(judge(residue, 0, 'half-rise', false).r.tmax).toBeGreaterThanOrEqual(0.99);
  });
});
