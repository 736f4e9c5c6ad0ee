import {
  MODEL_FIT_FALLBACK_REASONS,
  noModelFitFallback,
  type ModelFitFallback,
} from '../deconvolution/deconvolve.ts';
import { mapGridDefaults } from './map-grid-defaults.ts';
import { meanTransitTimeS, type PerfusionMapName, type PerfusionMaps } from './perfusion-maps.ts';

/** Sub-grid strides along the in-plane axes (x, y): maps are computed on every s-th column and row. */
export type MapStride = readonly [number, number];

export const FULL_GRID: MapStride = [1, 1];

/**
 * The sub-grid strides for a grid and a smoothing σ (data/map-grid-defaults.json): per in-plane axis
 * s = max(1, ⌊σ / (k·h)⌋), so that the sub-grid spacing s·h is at most σ / k; σ = 0 (no smoothing) gives 1.
 */
export function mapStride(
  spacingMm: readonly number[],
  sigmaMm: number,
  sigmaPerSpacing: number = mapGridDefaults.sigmaPerSubGridSpacing,
): MapStride {
  if (!Number.isFinite(sigmaMm) || sigmaMm < 0)
    throw new Error(`mapStride: sigmaMm must be a number of mm ≥ 0, got ${sigmaMm}`);
  const axis = (spacing: number | undefined, name: string): number => {
    if (spacing === undefined || !Number.isFinite(spacing) || spacing <= 0)
      throw new Error(`mapStride: spacingMm ${name} must be a positive number of mm, got ${String(spacing)}`);
    // the small allowance keeps an exact ratio (σ/(k·h) = 2) from rounding down to 1.
    return Math.max(1, Math.floor(sigmaMm / (sigmaPerSpacing * spacing) + 1e-9));
  };
  return [axis(spacingMm[0], 'x'), axis(spacingMm[1], 'y')];
}

function checkStride(stride: MapStride): void {
  for (const s of stride)
    if (!Number.isInteger(s) || s < 1)
      throw new Error(`stride: must be whole numbers ≥ 1, got ${stride.join(', ')}`);
}

/**
 * The up to 4 sub-grid points around voxel (x, y) of one slice that carry a positive bilinear weight, and
 * their weights: (x0, y0) = (x, y) rounded down to the sub-grid, the next sub-grid column / row after them
 * only where (x, y) lies strictly between. Calls `visit(p, weight)` with p the point's index in the slice
 * for each such point inside the slice whose `mask` is set; returns the number visited.
 */
function forEachCorner(
  x: number,
  y: number,
  nx: number,
  ny: number,
  stride: MapStride,
  mask: Uint8Array,
  maskOffset: number,
  visit: (p: number, weight: number) => void,
): number {
  const [sx, sy] = stride;
  const fx = x % sx;
  const fy = y % sy;
  const x0 = x - fx;
  const y0 = y - fy;
  const wx1 = fx / sx;
  const wy1 = fy / sy;
  let found = 0;
  for (let j = 0; j < (fy === 0 ? 1 : 2); j++) {
    const yy = y0 + j * sy;
    if (yy >= ny) continue;
    const wy = j === 0 ? 1 - wy1 : wy1;
    for (let i = 0; i < (fx === 0 ? 1 : 2); i++) {
      const xx = x0 + i * sx;
      if (xx >= nx) continue;
      const p = xx + nx * yy;
      if (mask[maskOffset + p] === 0) continue;
      visit(p, wy * (i === 0 ? 1 - wx1 : wx1));
      found++;
    }
  }
  return found;
}

/**
 * The voxels whose maps are computed, on a stack of slices (mask nx·ny·slices, non-zero inside the tissue):
 * the tissue voxels on the sub-grid (x a multiple of stride[0], y of stride[1]), and every tissue voxel with
 * no tissue sub-grid point of positive bilinear weight around it (it cannot be interpolated from tissue, so it
 * is computed directly). Stride [1, 1] gives the mask itself: every tissue voxel.
 */
export function mapGridVoxels(mask: Uint8Array, nx: number, ny: number, stride: MapStride): Uint8Array {
  checkStride(stride);
  const size = nx * ny;
  if (mask.length % size !== 0)
    throw new Error(
      `mapGridVoxels: mask has ${mask.length} voxels, not a whole number of ${nx}×${ny} slices`,
    );
  const computed = new Uint8Array(mask.length);
  const none = (): void => undefined;
  for (let base = 0; base < mask.length; base += size) {
    for (let y = 0, p = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, p++) {
        if (mask[base + p] === 0) continue;
        const onGrid = x % stride[0] === 0 && y % stride[1] === 0;
        if (onGrid || forEachCorner(x, y, nx, ny, stride, mask, base, none) === 0) computed[base + p] = 1;
      }
    }
  }
  return computed;
}

/** Maps derived from others, recomputed at interpolated voxels rather than interpolated themselves. */
const DERIVED: Partial<Record<PerfusionMapName, (maps: PerfusionMaps, v: number) => number>> = {
  // MTT = 60·CBV/CBF (central volume principle), as perfusionMaps defines it, from the interpolated CBF, CBV.
  mttS: (maps, v) => meanTransitTimeS(maps.cbfMl100gMin[v] ?? 0, maps.cbvMl100g[v] ?? 0),
};

/**
 * The maps at every tissue voxel of a stack of slices from those at the computed voxels (`mapGridVoxels`):
 * computed voxels keep their values; each other tissue voxel gets the bilinear interpolation of the computed
 * tissue sub-grid points around it in its slice, the weights renormalised over those points (never a value
 * from outside the tissue mask). Every map of `computedMaps` is interpolated (a map added to PerfusionMaps is
 * too) except the derived ones (MTT = 60·CBV/CBF from the interpolated CBF and CBV). TTP and Tmax are
 * interpolated: after the in-plane smoothing they vary continuously in space, like CBF and CBV.
 *
 * The model fit's fallback is counted in tissue voxels, on any grid: a computed voxel keeps its own reason code
 * (modelFitFallbackCode); an interpolated voxel takes the code of its largest-weight corner (the first, lower x
 * then lower y, on a tie: at stride 2 each sub-grid point stands for the s×s block it is the lower corner of,
 * the voxels whose values it weighs most). modelFitFallback then counts voxels = the tissue voxels (with the fit
 * on) and, per reason, the tissue voxels of that code, so its fraction and its numbers are of tissue voxels.
 *
 * @param computedMaps one value per computed voxel, in index order
 * @returns one value per tissue voxel, in index order (the order of `maskVoxels(mask)`)
 */
export function interpolateMapGrid(
  computedMaps: PerfusionMaps,
  mask: Uint8Array,
  computed: Uint8Array,
  nx: number,
  ny: number,
  stride: MapStride,
): PerfusionMaps {
  checkStride(stride);
  const size = nx * ny;
  let tissue = 0;
  let count = 0;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] !== 0) tissue++;
    if (computed[p] !== 0) count++;
  }
  // every per-voxel map (a Float32Array field but the fallback codes, which are not interpolated: see above).
  const names = (Object.keys(computedMaps) as (keyof PerfusionMaps)[]).filter(
    (name): name is PerfusionMapName =>
      name !== 'modelFitFallbackCode' && computedMaps[name] instanceof Float32Array,
  );
  const codes = new Float32Array(tissue);
  const out = {
    ...Object.fromEntries(names.map((name) => [name, new Float32Array(tissue)])),
    modelFitFallback: computedMaps.modelFitFallback,
    modelFitFallbackCode: codes,
  } as unknown as PerfusionMaps;
  const interpolated = names.filter((name) => DERIVED[name] === undefined);
  const sources = interpolated.map((name) => computedMaps[name]);
  const targets = interpolated.map((name) => out[name]);
  for (const name of [...names, 'modelFitFallbackCode' as const]) {
    if (computedMaps[name].length !== count)
      throw new Error(
        `interpolateMapGrid: ${name} has ${computedMaps[name].length} values, ${count} voxels are computed`,
      );
  }
  const derived = names.flatMap((name) => {
    const derive = DERIVED[name];
    return derive === undefined ? [] : [{ target: out[name], source: computedMaps[name], derive }];
  });
  const sourceCodes = computedMaps.modelFitFallbackCode;
  const computedIndex = new Int32Array(size);
  const sums = new Float64Array(interpolated.length);
  let c = 0;
  let n = 0;
  for (let base = 0; base < mask.length; base += size) {
    for (let p = 0; p < size; p++) computedIndex[p] = computed[base + p] !== 0 ? c++ : -1;
    for (let y = 0, p = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, p++) {
        if (mask[base + p] === 0) continue;
        const own = computedIndex[p] ?? -1;
        if (own >= 0) {
          for (let f = 0; f < sources.length; f++) (targets[f] as Float32Array)[n] = sources[f]?.[own] ?? 0;
          for (const d of derived) d.target[n] = d.source[own] ?? 0;
          codes[n] = sourceCodes[own] ?? 0;
          n++;
          continue;
        }
        sums.fill(0);
        let weight = 0;
        let largest = 0;
        forEachCorner(x, y, nx, ny, stride, computed, base, (q, w) => {
          const from = computedIndex[q] ?? 0;
          for (let f = 0; f < sources.length; f++) sums[f] = (sums[f] ?? 0) + w * (sources[f]?.[from] ?? 0);
          weight += w;
          if (w > largest) {
            largest = w;
            codes[n] = sourceCodes[from] ?? 0;
          }
        });
        // a tissue voxel without a computed neighbour is computed itself (mapGridVoxels), so weight > 0.
        for (let f = 0; f < sources.length; f++) (targets[f] as Float32Array)[n] = (sums[f] ?? 0) / weight;
        for (const d of derived) d.target[n] = d.derive(out, n);
        n++;
      }
    }
  }
  out.modelFitFallback = tissueFallback(computedMaps.modelFitFallback, codes);
  return out;
}

/** The fallback counts in tissue voxels from their codes (all 0, as computed, when the fit was not tried). */
function tissueFallback(computed: ModelFitFallback, codes: Float32Array): ModelFitFallback {
  const counts = noModelFitFallback();
  if (computed.voxels === 0) return counts;
  counts.voxels = codes.length;
  for (const code of codes) {
    const reason = code === 0 ? undefined : MODEL_FIT_FALLBACK_REASONS[code - 1];
    if (reason !== undefined) counts[reason]++;
  }
  return counts;
}
