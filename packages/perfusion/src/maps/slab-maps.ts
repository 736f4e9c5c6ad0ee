import { releaseBuffer } from '@quantrad/imaging/volume';
import type { TimeGrid } from '../pipeline/time-grid.ts';
import { curvesOnGrid } from '../pipeline/time-grid.ts';
import { interpolateMapGrid, mapGridVoxels, type MapStride } from './map-grid.ts';
import { perfusionMaps, type PerfusionMapOptions, type PerfusionMaps } from './perfusion-maps.ts';
import { slabConcentrationCurves, type InPlaneKernels } from './smooth-in-plane.ts';

/** Some whole slices of every frame (frame-major: frame t's slice s at (t·slices + s)·nx·ny) and their mask. */
export interface SlabCurvesInput {
  readonly slab: ArrayLike<number>;
  readonly frames: number;
  readonly nx: number;
  readonly ny: number;
  /** Tissue mask of the slices, nx·ny·slices. */
  readonly mask: Uint8Array;
  readonly kernels: InPlaneKernels | undefined;
  readonly baselineCount: number;
}

/** A slab, and how its maps are made: the time grid, the arterial curve, the options and the map grid. */
export interface SlabMapsInput extends SlabCurvesInput {
  readonly frameTimesS: readonly number[];
  readonly grid: TimeGrid;
  readonly aifDeltaHu: Float64Array;
  readonly options: PerfusionMapOptions;
  /** Sub-grid strides (maps/map-grid.ts); [1, 1] computes every tissue voxel. */
  readonly stride: MapStride;
}

/**
 * The maps of the tissue voxels of some slices, straight from their frames: the smoothed ΔHU curves
 * (`sliceConcentrationCurves`) of the voxels the map grid computes (`mapGridVoxels`), put on the time grid,
 * `perfusionMaps`, then interpolated to the other tissue voxels (`interpolateMapGrid`). One value per tissue
 * voxel in index order; with stride [1, 1] exactly `perfusionMaps` of every tissue voxel's curve.
 */
export function slabMaps(input: SlabMapsInput): PerfusionMaps {
  const { slab, frames, nx, ny, mask, kernels, baselineCount, stride } = input;
  const full = stride[0] === 1 && stride[1] === 1;
  const computed = full ? mask : mapGridVoxels(mask, nx, ny, stride);
  let count = 0;
  for (const m of computed) if (m !== 0) count++;
  const curves = new Float32Array(count * frames);
  slabConcentrationCurves(slab, { frames, nx, ny }, mask, kernels, baselineCount, curves, computed);
  const { frameTimesS, grid, aifDeltaHu, options } = input;
  const onGrid = curvesOnGrid(frameTimesS, curves, grid);
  const maps = perfusionMaps(aifDeltaHu, onGrid, grid.samples, grid.dtS, options);
  // The job's scratch (the curves, some MB a slice; the sub-grid's maps) is freed now rather than at the
  // worker's next collection, which V8 starts only after some 64 MB of such memory has piled up.
  releaseBuffer(curves);
  releaseBuffer(onGrid);
  if (full) return maps;
  const interpolated = interpolateMapGrid(maps, mask, computed, nx, ny, stride);
  releaseBuffer(computed);
  for (const values of Object.values(maps)) if (ArrayBuffer.isView(values)) releaseBuffer(values);
  return interpolated;
}
