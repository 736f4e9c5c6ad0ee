import { huRangeVoxels, type Volume } from '@quantrad/imaging';
/** An inclusive range of CT attenuation. */
export interface HuRange {
  readonly min: number;
  readonly max: number;
}

export interface SliceArea {
  slice: number;
  voxelCount: number;
  areaCm2: number;
}

/** Voxels of a region grouped by slice (z index), each slice's in-plane area in cm². */
export function areaBySlice(volume: Volume, voxels: Int32Array): SliceArea[] {
  const perSlice = volume.dims[0] * volume.dims[1];
  const pixelAreaCm2 = (volume.spacingMm[0] * volume.spacingMm[1]) / 100;
  const counts = new Map<number, number>();
  for (const index of voxels) {
    const slice = Math.floor(index / perSlice);
    counts.set(slice, (counts.get(slice) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([slice, voxelCount]) => ({ slice, voxelCount, areaCm2: voxelCount * pixelAreaCm2 }));
}

/** The voxels of a region that lie on the given slices. */
export function onSlices(volume: Volume, voxels: Int32Array, slices: ReadonlySet<number>): Int32Array {
  const perSlice = volume.dims[0] * volume.dims[1];
  return voxels.filter((index) => slices.has(Math.floor(index / perSlice)));
}

/** Tissue of a region within an HU range (e.g. skeletal muscle −29 to +150 HU). */
export function tissueVoxels(volume: Volume, voxels: Int32Array, range: HuRange): Int32Array {
  return huRangeVoxels(volume, voxels, range.min, range.max);
}
