import { describe, expect, it } from 'vitest';
import { createVolume } from '@quantrad/imaging';
import { makeDigitalPhantom, perfusionSummary, runPerfusion } from '../src/index.ts';

// The model fit's fallback counts on the sub-grid (0.5 mm pixels, stride 2) are tissue voxels, as on the full grid.
// Slice 2's tissue is delayed by 20 s (past the fit's 15 s grid), so every tissue voxel of that slice keeps the
// deconvolution's values; the other slices' voxels are fitted. Interpolation is in-plane, within a slice, so every
// voxel of slice 2 takes the code of a slice-2 point: the count is exact (no tolerance) on both grids.
describe('fallback counts on the sub-grid', () => {
  it('summary.json counts fallback tissue voxels, not sub-grid points', async () => {
    const phantom = makeDigitalPhantom({ residue: 'exp', noiseHu: 0, tileSizeVoxels: 16 });
    const ct = phantom.ct;
    const [nx, ny] = ct.dims;
    const perFrame = ct.dims[0] * ct.dims[1] * ct.dims[2];
    const data = Float32Array.from(ct.data);
    const mask = phantom.tissueMask.data;
    for (let p = 2 * nx * ny; p < 3 * nx * ny; p++) {
      if (mask[p] !== 1) continue;
      for (let t = 0; t < ct.frames; t++)
        data[p + perFrame * t] = ct.data[p + perFrame * Math.max(0, t - 20)] ?? 0;
    }
    const fine = createVolume({ ...ct, data, spacingMm: [0.5, 0.5, ct.spacingMm[2]] });
    const sub = await runPerfusion(fine, { skipMotion: true });
    const full = await runPerfusion(fine, { skipMotion: true, fullGrid: true });
    let slice2 = 0;
    for (let p = 2 * nx * ny; p < 3 * nx * ny; p++) slice2 += sub.masks.tissue.data[p] ?? 0;
    const mf = perfusionSummary(sub).modelFit as { voxels: number; fallbackVoxels: { total: number } };
    const mfFull = perfusionSummary(full).modelFit as { voxels: number; fallbackVoxels: { total: number } };
    let tissue = 0;
    for (const m of sub.masks.tissue.data) tissue += m;
    expect(sub.mapGrid).toEqual({ stride: [2, 2], computedVoxels: 15_680, interpolatedVoxels: 47_040 });
    expect(slice2).toBe(12_544);
    expect(mf.voxels).toBe(tissue);
    expect(mfFull.voxels).toBe(tissue);
    const qc = sub.quality.find((q) => q.check === 'model-fit');
    expect(qc?.reason).toContain(`${slice2} of ${tissue} voxels`);
    expect(mfFull.fallbackVoxels.total).toBe(slice2);
    expect(mf.fallbackVoxels.total).toBe(slice2);
  }, 240_000);
});
