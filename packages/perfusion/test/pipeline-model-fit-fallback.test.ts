import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeDigitalPhantom,
  perfusionQcLimits,
  perfusionSummary,
  PerfusionWorkerPool,
  runPerfusion,
  type DigitalPhantom,
  type PerfusionRun,
} from '../src/index.ts';

// runPerfusion counts the tissue voxels that kept the deconvolution's values instead of the model fit's.
// The study: the digital phantom (exp residue, no noise, 60 frames of 1 s, 5 slices of 7 × 7 tiles of 8 × 8
// voxels) with every tile voxel of slice 2 delayed by 20 s more (its tissue then arrives 20-23 s after the
// AIF, past the fit's 15 s delay grid: a late territory or a scan started late for it). So exactly
// 7 · 7 · 64 = 3136 voxels must fall back on the delay edge, single thread and in workers alike; the
// unmodified phantom has none (measured 0). Smoothing is in-plane, so the delayed slice does not mix with
// the others.

const SHIFT_FRAMES = 20;
const SLICE = 2;
const DELAYED_VOXELS = 7 * 7 * 64;

function delayedSlice(phantom: DigitalPhantom): DigitalPhantom['ct'] {
  const ct = phantom.ct;
  const [nx, ny] = ct.dims;
  const perFrame = ct.dims[0] * ct.dims[1] * ct.dims[2];
  const data = Float32Array.from(ct.data);
  const mask = phantom.tissueMask.data;
  for (let p = SLICE * nx * ny; p < (SLICE + 1) * nx * ny; p++) {
    if (mask[p] !== 1) continue;
    for (let t = 0; t < ct.frames; t++) {
      data[p + perFrame * t] = ct.data[p + perFrame * Math.max(0, t - SHIFT_FRAMES)] ?? 0;
    }
  }
  return { ...ct, data };
}

describe('model fit fallback count through runPerfusion', () => {
  let phantom: DigitalPhantom;
  let plain: PerfusionRun;
  let single: PerfusionRun;
  let workers: PerfusionRun;
  let pool: PerfusionWorkerPool;
  beforeAll(async () => {
    phantom = makeDigitalPhantom({ residue: 'exp', noiseHu: 0 });
    const late = delayedSlice(phantom);
    pool = await PerfusionWorkerPool.create({ workers: 2 });
    plain = await runPerfusion(phantom.ct, { skipMotion: true });
    single = await runPerfusion(late, { skipMotion: true });
    workers = await runPerfusion(late, { skipMotion: true, pool });
  }, 180_000);
  afterAll(async () => {
    await pool.close();
  });

  it('the delayed slice is all tissue, and the tissue mask holds nothing else there', () => {
    const [nx, ny] = phantom.ct.dims;
    let tissue = 0;
    for (let p = SLICE * nx * ny; p < (SLICE + 1) * nx * ny; p++) tissue += single.masks.tissue.data[p] ?? 0;
    expect(tissue).toBe(DELAYED_VOXELS);
  });

  it('counts the 3136 delayed voxels on the delay edge, single thread and workers alike', () => {
    const expected = {
      voxels: 5 * DELAYED_VOXELS,
      delayEdge: DELAYED_VOXELS,
      mttEdge: 0,
      noPositiveCorrelation: 0,
      nonFinite: 0,
    };
    expect(plain.modelFitFallback).toEqual({
      voxels: 5 * DELAYED_VOXELS,
      delayEdge: 0,
      mttEdge: 0,
      noPositiveCorrelation: 0,
      nonFinite: 0,
    });
    expect(single.modelFitFallback).toEqual(expected);
    expect(workers.modelFitFallback).toEqual(expected);
    expect(workers.maps.tmaxResiduePeak.data).toEqual(single.maps.tmaxResiduePeak.data);
  });

  it('summary.json reports the counts and their share of the tissue voxels', () => {
    const modelFit = perfusionSummary(single).modelFit as Record<string, unknown>;
    expect(modelFit.enabled).toBe(true);
    expect(modelFit.voxels).toBe(5 * DELAYED_VOXELS);
    expect(modelFit.fallbackVoxels).toEqual({
      delayEdge: DELAYED_VOXELS,
      mttEdge: 0,
      noPositiveCorrelation: 0,
      nonFinite: 0,
      total: DELAYED_VOXELS,
    });
    // 3136 of the 5 · 3136 tile voxels.
    expect(modelFit.fallbackFraction).toBe(0.2);
  });

  it('the quality check warns on the delayed study, naming the delay edge, and passes the plain phantom', () => {
    const limit = perfusionQcLimits.modelFit.warnAboveFallbackFraction;
    expect(limit).toBeLessThan(0.2);
    const warned = single.quality.find((q) => q.check === 'model-fit');
    expect(warned?.status).toBe('warn');
    expect(warned?.reason).toMatch(/3136 of 15680 voxels \(20\.0%\).*mostly delayEdge/);
    expect(warned?.reason).toMatch(/arriving later than the grid allows/);
    expect(plain.quality.find((q) => q.check === 'model-fit')?.status).toBe('pass');
  });
});
