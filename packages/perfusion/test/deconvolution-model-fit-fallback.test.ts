import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deconvolutionDefaults,
  deconvolve,
  deconvolveInWorkers,
  digitalPhantomDesign,
  gammaVariate,
  perfusionMaps,
  perfusionMapsInWorkers,
  PerfusionWorkerPool,
  tissueCurveDeltaHu,
  type ModelFitFallback,
} from '../src/index.ts';

// The voxels that keep the deconvolution's values instead of the model fit's are counted per reason
// (deconvolve's modelFitFallback) and summed over chunks in the workers. The study: 60 frames of 1 s, the
// phantom's AIF, exponential tissue of 43.4 mL/100 g/min and MTT 4 s. Known fallbacks: 7 curves delayed by
// maxDelayS + 5 s (20 s, past the template grid: best template on its delay limit), 3 curves that are the
// negative of a tissue curve (no template correlates positively), 2 curves with a NaN sample; the other 28
// curves, delayed 0 to 9 s, are fitted.

const FRAMES = 60;
const timesS = Array.from({ length: FRAMES }, (_, t) => t);
const aif = Float64Array.from(timesS, (t) => gammaVariate(t, digitalPhantomDesign.aif));
const maxDelayS = deconvolutionDefaults.modelFit.maxDelayS;

function curve(delayS: number): Float64Array {
  return tissueCurveDeltaHu(timesS, digitalPhantomDesign.aif, {
    residue: 'exp',
    mttS: 4,
    cbfMl100gMin: 43.4,
    delayS,
  });
}

const LATE = 7;
const NEGATIVE = 3;
const NON_FINITE = 2;
const FITTED = 28;
const EXPECTED: ModelFitFallback = {
  voxels: LATE + NEGATIVE + NON_FINITE + FITTED,
  delayEdge: LATE,
  mttEdge: 0,
  noPositiveCorrelation: NEGATIVE,
  nonFinite: NON_FINITE,
};

/** The curves, interleaved (voxel v: late when v % 6 == 1 …) so that chunks of any size cut through them. */
function study(): Float32Array {
  const kinds: ('late' | 'negative' | 'nan' | 'fitted')[] = [];
  for (let n = 0; n < LATE; n++) kinds.push('late');
  for (let n = 0; n < NEGATIVE; n++) kinds.push('negative');
  for (let n = 0; n < NON_FINITE; n++) kinds.push('nan');
  for (let n = 0; n < FITTED; n++) kinds.push('fitted');
  // a fixed shuffle: every 7th of the list, wrapping (40 and 7 are coprime).
  const order = kinds.map((_, i) => kinds[(7 * i) % kinds.length] ?? 'fitted');
  const out = new Float32Array(order.length * FRAMES);
  order.forEach((kind, v) => {
    const values =
      kind === 'late'
        ? curve(maxDelayS + 5)
        : kind === 'negative'
          ? curve(2).map((x) => -x)
          : curve((v % 10) * 1);
    out.set(Float32Array.from(values), v * FRAMES);
    if (kind === 'nan') out[v * FRAMES + 2] = Number.NaN;
  });
  return out;
}

const tissue = study();

describe('count of voxels without a model fit', () => {
  it('counts each reason on curves whose fallback is known', () => {
    const result = deconvolve(aif, tissue, FRAMES, 1, { method: 'osvd' });
    expect(result.modelFitFallback).toEqual(EXPECTED);
    // the residue's own Tmax is kept: a late curve reads past maxDelayS in both (no fit), a fitted one earlier
    // in tmaxS than in tmaxResiduePeakS.
    const late = Array.from({ length: tissue.length / FRAMES }, (_, v) => v).filter(
      (v) => (result.tmaxResiduePeakS[v] ?? 0) > maxDelayS + 2,
    );
    expect(late).toHaveLength(LATE);
    for (const v of late) expect(result.tmaxS[v]).toBe(result.tmaxResiduePeakS[v]);
  });

  it('counts nothing with the model fit off, and the two Tmax arrays are then equal', () => {
    const result = deconvolve(aif, tissue, FRAMES, 1, { method: 'osvd', modelFit: false });
    expect(result.modelFitFallback).toEqual({
      voxels: 0,
      delayEdge: 0,
      mttEdge: 0,
      noPositiveCorrelation: 0,
      nonFinite: 0,
    });
    expect(Array.from(result.tmaxResiduePeakS)).toEqual(Array.from(result.tmaxS));
  });

  it('perfusionMaps carries the counts', () => {
    expect(perfusionMaps(aif, tissue, FRAMES, 1, { method: 'osvd' }).modelFitFallback).toEqual(EXPECTED);
  });

  describe('in workers (chunks of 3 voxels: every chunk counts its own, summed)', () => {
    let pool: PerfusionWorkerPool;
    beforeAll(async () => {
      pool = await PerfusionWorkerPool.create({ workers: 2 });
    });
    afterAll(async () => {
      await pool.close();
    });

    it('deconvolveInWorkers gives the same counts and Tmax arrays as the single thread', async () => {
      const serial = deconvolve(aif, tissue, FRAMES, 1, { method: 'osvd' });
      const parallel = await deconvolveInWorkers(
        aif,
        tissue,
        FRAMES,
        1,
        { method: 'osvd' },
        { pool, chunkVoxels: 3 },
      );
      expect(parallel.modelFitFallback).toEqual(EXPECTED);
      expect(parallel.tmaxResiduePeakS).toEqual(serial.tmaxResiduePeakS);
      expect(parallel.tmaxS).toEqual(serial.tmaxS);
    });

    it('perfusionMapsInWorkers gives the same counts', async () => {
      const parallel = await perfusionMapsInWorkers(
        aif,
        tissue,
        FRAMES,
        1,
        { method: 'osvd' },
        { pool, chunkVoxels: 3 },
      );
      expect(parallel.modelFitFallback).toEqual(EXPECTED);
    });
  });
});
