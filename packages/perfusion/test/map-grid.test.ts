import { describe, expect, it } from 'vitest';
import { createVolume } from '@quantrad/imaging';
import {
  interpolateMapGrid,
  mapGridVoxels,
  mapStride,
  maskVoxels,
  sliceConcentrationCurves,
  smoothedConcentrationCurves,
  type PerfusionMaps,
} from '../src/index.ts';
import { noModelFitFallback } from '../src/deconvolution/deconvolve.ts';
import { inPlaneKernels } from '../src/maps/smooth-in-plane.ts';
import { mapGridDefaults, parseMapGridDefaults } from '../src/maps/map-grid-defaults.ts';
import defaultsJson from '../data/map-grid-defaults.json' with { type: 'json' };

/**
 * Maps whose values at the computed voxels are f(x, y, slice) (MTT left 0: it is derived); the model fit off
 * (no counts, every fallback code 0) unless the fields give modelFitFallbackCode.
 */
function mapsAt(
  computed: Uint8Array,
  nx: number,
  ny: number,
  fields: Record<string, (x: number, y: number, z: number) => number>,
): PerfusionMaps {
  const voxels = maskVoxels(computed);
  const out: Record<string, Float32Array> = {};
  for (const [name, f] of Object.entries(fields))
    out[name] = Float32Array.from(voxels, (p) =>
      f(p % nx, Math.floor(p / nx) % ny, Math.floor(p / (nx * ny))),
    );
  return {
    modelFitFallback: noModelFitFallback(),
    modelFitFallbackCode: new Float32Array(voxels.length),
    ...out,
  } as unknown as PerfusionMaps;
}

const linear = {
  cbf: (x: number, y: number): number => 20 + 1.5 * x - 0.75 * y,
  cbv: (x: number, y: number): number => 2 + 0.05 * x + 0.02 * y,
  tmax: (_x: number, y: number): number => 1 + 0.25 * y,
};

function fieldsOf(f: typeof linear): Record<string, (x: number, y: number) => number> {
  return { cbfMl100gMin: f.cbf, cbvMl100g: f.cbv, mttS: () => 0, ttpS: f.tmax, tmaxS: f.tmax };
}

describe('the map grid: stride from σ and spacing', () => {
  it('gives s = ⌊σ/(k·h)⌋ per axis, 1 at the phantom’s 1 mm and 2 at the bench’s 0.43 mm (σ 2.5 mm, k 2.5)', () => {
    expect(mapGridDefaults.sigmaPerSubGridSpacing).toBe(2.5);
    expect(mapGridDefaults.stride).toBe('auto');
    // 2.5 / (2.5 · 1) = 1 → 1; 2.5 / (2.5 · 220/512) = 2.33 → 2; 2.5 / (2.5 · 0.3) = 3.33 → 3, 0.9 mm → 1.
    expect(mapStride([1, 1, 5], 2.5)).toEqual([1, 1]);
    expect(mapStride([220 / 512, 220 / 512, 5], 2.5)).toEqual([2, 2]);
    expect(mapStride([0.3, 0.9, 5], 2.5)).toEqual([3, 1]);
    // exactly σ/(k·h) = 2 is 2, not 1 from rounding; σ = 0 (no smoothing): every voxel; k given.
    expect(mapStride([0.5, 0.5, 5], 2.5)).toEqual([2, 2]);
    expect(mapStride([0.1, 0.1, 5], 0)).toEqual([1, 1]);
    expect(mapStride([0.5, 0.5, 5], 2.5, 1)).toEqual([5, 5]);
    expect(() => mapStride([0, 1, 1], 2.5)).toThrow(/spacingMm x/);
  });

  it('checks its data file with a schema: the stride, a positive k and every source string', () => {
    expect(parseMapGridDefaults(defaultsJson)).toEqual(mapGridDefaults);
    expect(() => parseMapGridDefaults({ ...defaultsJson, stride: 2 })).toThrow(/stride/);
    expect(() => parseMapGridDefaults({ ...defaultsJson, sigmaPerSubGridSpacing: 0 })).toThrow(
      /sigmaPerSubGridSpacing/,
    );
    expect(() => parseMapGridDefaults({ ...defaultsJson, strideSource: '' })).toThrow(/strideSource/);
    const { sigmaPerSubGridSpacingSource: _dropped, ...withoutSource } = defaultsJson;
    expect(() => parseMapGridDefaults(withoutSource)).toThrow(/sigmaPerSubGridSpacingSource/);
    expect(() => parseMapGridDefaults({ ...defaultsJson, extra: 1 })).toThrow(/extra/);
  });
});

describe('the map grid: which voxels are computed, and the interpolation', () => {
  // A 12 × 9 slice, stride 3: sub-grid columns 0, 3, 6, 9 and rows 0, 3, 6.
  const nx = 12;
  const ny = 9;
  const stride = [3, 3] as const;
  const interpolated = (
    mask: Uint8Array,
    computed: Uint8Array,
    fields: Record<string, (x: number, y: number, z: number) => number> = fieldsOf(linear),
  ): PerfusionMaps => interpolateMapGrid(mapsAt(computed, nx, ny, fields), mask, computed, nx, ny, stride);

  it('reproduces a linear field exactly inside the mask, on the sub-grid and between', () => {
    const mask = new Uint8Array(nx * ny).fill(1);
    const computed = mapGridVoxels(mask, nx, ny, stride);
    // the sub-grid points only (beyond column 9 and row 6 there is one point column / row, which suffices).
    const computedAt = maskVoxels(computed);
    expect(computedAt.length).toBe(4 * 3);
    expect(Array.from(computedAt).every((p) => (p % nx) % 3 === 0 && Math.floor(p / nx) % 3 === 0)).toBe(
      true,
    );
    const maps = interpolated(mask, computed);
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const p = x + nx * y;
        // inside the sub-grid's span (x ≤ 9, y ≤ 6) exact, beyond the last sub-grid column/row the nearest
        // computed column/row (renormalised over the points that exist).
        const xx = Math.min(x, 9);
        const yy = Math.min(y, 6);
        expect(maps.cbfMl100gMin[p]).toBeCloseTo(linear.cbf(xx, yy), 4);
        expect(maps.cbvMl100g[p]).toBeCloseTo(linear.cbv(xx, yy), 5);
        expect(maps.tmaxS[p]).toBeCloseTo(linear.tmax(xx, yy), 5);
        // MTT is derived: 60·CBV/CBF of the interpolated values, not interpolated (the computed points hold 0).
        if (computed[p] === 0)
          expect(maps.mttS[p]).toBeCloseTo((60 * (maps.cbvMl100g[p] ?? 0)) / (maps.cbfMl100gMin[p] ?? 1), 4);
        else expect(maps.mttS[p]).toBe(0);
      }
    }
    // a value between four points: (4, 4) from (3,3), (6,3), (3,6), (6,6) with weights 4/9, 2/9, 2/9, 1/9.
    expect(maps.cbfMl100gMin[4 + nx * 4]).toBeCloseTo(20 + 1.5 * 4 - 0.75 * 4, 4);
  });

  it('never takes a value from outside the tissue mask, and computes a voxel with no tissue point around it', () => {
    // Slice 0: tissue in columns 2..11 (column 0 of the sub-grid is outside it), and an island voxel at (1, 4).
    // Slice 1: all tissue, with a wild value at its column 0: it shows if slice 0 read another slice's points.
    const mask = new Uint8Array(nx * ny * 2);
    for (let y = 0; y < ny; y++) for (let x = 2; x < nx; x++) mask[x + nx * y] = 1;
    mask[1 + nx * 4] = 1;
    mask.fill(1, nx * ny);
    const computed = mapGridVoxels(mask, nx, ny, stride);
    expect(computed.every((c, p) => c === 0 || mask[p] === 1)).toBe(true);
    // Voxels (2, y) and (1, 4) lie between column 0 (not tissue) and column 3 (tissue): interpolated.
    expect(computed[2 + nx * 4]).toBe(0);
    expect(computed[1 + nx * 4]).toBe(0);
    const wild = 1e6;
    const maps = interpolated(mask, computed, {
      ...fieldsOf(linear),
      cbfMl100gMin: (x, y, z) => (z === 1 && x === 0 ? wild : linear.cbf(x, y)),
    });
    const tissue = maskVoxels(mask).filter((p) => p < nx * ny);
    for (let n = 0; n < tissue.length; n++) {
      expect(maps.cbfMl100gMin[n]).toBeLessThan(100);
      expect(maps.cbfMl100gMin[n]).toBeGreaterThan(0);
    }
    // (2, 4): from (3, 3) and (3, 6) with weights 2/3 and 1/3, renormalised: f(3, 4).
    const at = (x: number, y: number): number => maps.cbfMl100gMin[tissue.indexOf(x + nx * y)] ?? NaN;
    expect(at(2, 4)).toBeCloseTo(linear.cbf(3, 4), 4);
    expect(at(1, 4)).toBeCloseTo(linear.cbf(3, 4), 4);

    // an isolated tissue voxel whose surrounding sub-grid points are all outside the mask is computed itself.
    const island = new Uint8Array(nx * ny);
    island[4 + nx * 4] = 1;
    island[5 + nx * 4] = 1;
    const islandComputed = mapGridVoxels(island, nx, ny, stride);
    expect(Array.from(maskVoxels(islandComputed))).toEqual([4 + nx * 4, 5 + nx * 4]);
    const islandMaps = interpolated(island, islandComputed);
    expect(Array.from(islandMaps.cbfMl100gMin)).toEqual([linear.cbf(4, 4), linear.cbf(5, 4)]);
    // a voxel on a sub-grid column whose only tissue point has zero weight (another column) is computed.
    const column = new Uint8Array(nx * ny);
    column[3 + nx * 4] = 1; // (3, 4): its points (3, 3), (3, 6) are not tissue
    column[6 + nx * 3] = 1; // (6, 3) is tissue but carries weight 0 for a voxel on column 3
    expect(Array.from(maskVoxels(mapGridVoxels(column, nx, ny, stride)))).toEqual([6 + nx * 3, 3 + nx * 4]);
  });

  it('interpolates every map in the result, a new one too, and checks the counts', () => {
    const mask = new Uint8Array(nx * ny * 2).fill(1);
    const computed = mapGridVoxels(mask, nx, ny, stride);
    const withExtra = mapsAt(computed, nx, ny, { ...fieldsOf(linear), extraS: (x, y) => x + 2 * y });
    const maps = interpolateMapGrid(withExtra, mask, computed, nx, ny, stride) as PerfusionMaps & {
      extraS: Float32Array;
    };
    expect(maps.extraS).toBeInstanceOf(Float32Array);
    expect(maps.extraS.length).toBe(nx * ny * 2);
    // slice 1, voxel (4, 5): 4 + 10 = 14 (each slice from its own points).
    expect(maps.extraS[nx * ny + 4 + nx * 5]).toBeCloseTo(14, 5);
    expect(() =>
      interpolateMapGrid({ ...withExtra, cbvMl100g: new Float32Array(3) }, mask, computed, nx, ny, stride),
    ).toThrow(/cbvMl100g has 3 values/);
  });

  it('counts the model fit fallback in tissue voxels: each voxel under the code of its largest-weight point', () => {
    // Stride 3 on 12 × 9, all tissue: sub-grid points x ∈ {0, 3, 6, 9}, y ∈ {0, 3, 6}. Point (3, 3) fell back on
    // delayEdge (code 1), point (6, 6) on mttEdge (code 2), the others were fitted.
    const mask = new Uint8Array(nx * ny).fill(1);
    const computed = mapGridVoxels(mask, nx, ny, stride);
    const code = (x: number, y: number): number => (x === 3 && y === 3 ? 1 : x === 6 && y === 6 ? 2 : 0);
    const input = mapsAt(computed, nx, ny, { ...fieldsOf(linear), modelFitFallbackCode: code });
    input.modelFitFallback = { ...noModelFitFallback(), voxels: 12, delayEdge: 1, mttEdge: 1 };
    const maps = interpolateMapGrid(input, mask, computed, nx, ny, stride);
    // (3, 3) is the largest-weight point (weights ∏(1 − d/3), d the distance per axis) of the voxels 1 away or
    // less per axis: x, y ∈ {2, 3, 4}, 9 voxels ((2, y) has weights 1/3 to x = 0 and 2/3 to x = 3). (6, 6) the same
    // for x ∈ {5, 6, 7}, y ∈ {5, 6, 7}, but row 8 lies between rows 6 and 9 (not a row: ny = 9), so (6, 6) is
    // its only row: y ∈ {5, 6, 7, 8}, 12 voxels.
    const codeAt = (x: number, y: number): number => maps.modelFitFallbackCode[x + nx * y] ?? NaN;
    expect(codeAt(2, 2)).toBe(1);
    expect(codeAt(4, 4)).toBe(1);
    expect(codeAt(5, 4)).toBe(0);
    expect(codeAt(5, 8)).toBe(2);
    expect(maps.modelFitFallback).toEqual({
      voxels: nx * ny,
      delayEdge: 9,
      mttEdge: 12,
      noPositiveCorrelation: 0,
      nonFinite: 0,
    });
    // A tie (the middle of a stride-2 interval, weights 1/2 and 1/2) goes to the first point (lower x, then y).
    const even = new Uint8Array(4 * 1).fill(1);
    const evenComputed = mapGridVoxels(even, 4, 1, [2, 1]);
    const evenInput = mapsAt(evenComputed, 4, 1, {
      ...fieldsOf(linear),
      modelFitFallbackCode: (x) => (x === 2 ? 3 : 0),
    });
    evenInput.modelFitFallback = { ...noModelFitFallback(), voxels: 2, noPositiveCorrelation: 1 };
    const evenMaps = interpolateMapGrid(evenInput, even, evenComputed, 4, 1, [2, 1]);
    // x = 1 ties between points 0 and 2: point 0 (code 0); x = 3 has point 2 only (x = 4 is outside).
    expect(Array.from(evenMaps.modelFitFallbackCode)).toEqual([0, 0, 3, 3]);
    expect(evenMaps.modelFitFallback.noPositiveCorrelation).toBe(2);
    // With the fit off (voxels 0) every count stays 0.
    expect(interpolated(mask, computed).modelFitFallback).toEqual(noModelFitFallback());
  });
});

describe('the smoothed curves of the sub-grid voxels', () => {
  it('are bit-identical to those of every voxel at the same voxels (smoothed over the whole mask)', () => {
    const [nx, ny, nz, frames] = [40, 30, 2, 6];
    const data = Float32Array.from({ length: nx * ny * nz * frames }, (_, i) => Math.sin(i * 0.37) * 50 + 40);
    const ct = createVolume({
      data,
      dims: [nx, ny, nz],
      spacingMm: [0.4, 0.5, 5],
      frames,
      frameTimesS: Array.from({ length: frames }, (_, t) => t),
    });
    const mask = new Uint8Array(nx * ny * nz);
    for (let p = 0; p < mask.length; p++)
      if (Math.hypot((p % nx) - 20, (Math.floor(p / nx) % ny) - 15) < 13) mask[p] = 1;
    const stride = [3, 2] as const;
    const computed = mapGridVoxels(mask, nx, ny, stride);
    const all = smoothedConcentrationCurves(ct, mask, 2.5, 2);
    const some = smoothedConcentrationCurves(ct, mask, 2.5, 2, undefined, computed);
    const tissue = maskVoxels(mask);
    const chosen = maskVoxels(computed);
    expect(chosen.length).toBeLessThan(tissue.length / 4);
    chosen.forEach((p, n) => {
      const v = tissue.indexOf(p);
      expect(Array.from(some.subarray(n * frames, (n + 1) * frames))).toEqual(
        Array.from(all.subarray(v * frames, (v + 1) * frames)),
      );
    });
    // the per-slice entry point, with its output mask, agrees too.
    const out = new Float32Array(some.length);
    const slice = { data, offset: 0, frameStride: nx * ny * nz, frames, nx, ny };
    const written = sliceConcentrationCurves(
      slice,
      mask,
      0,
      inPlaneKernels(ct.spacingMm, 2.5),
      2,
      out,
      0,
      computed,
    );
    expect(Array.from(out.subarray(0, written * frames))).toEqual(
      Array.from(some.subarray(0, written * frames)),
    );
  });
});
