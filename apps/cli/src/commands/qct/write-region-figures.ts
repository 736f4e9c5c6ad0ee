import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { slicePng, type Volume } from '@quantrad/imaging';
import { InputError } from '../../io/input-error.ts';
import type { RegionMeasurement } from './measure-regions.ts';

/** Bone window for figures of vertebral ROIs (centre 400 HU, width 1800 HU). */
const BONE_WINDOW = { windowCentre: 400, windowWidth: 1800 } as const;
const ROI_COLOUR: [number, number, number, number] = [255, 196, 0, 110];

function middleSlice(volume: Volume, voxels: Int32Array): number {
  const perSlice = volume.dims[0] * volume.dims[1];
  const slices = [...new Set(Array.from(voxels, (index) => Math.floor(index / perSlice)))].sort(
    (a, b) => a - b,
  );
  return slices[Math.floor(slices.length / 2)] ?? 0;
}

/**
 * One PNG per region, on the middle slice of its ROI with the ROI shaded, so a reporter can see where each
 * measurement was taken. Returns the files written.
 */
export async function writeRegionFigures(
  volume: Volume,
  regions: readonly RegionMeasurement[],
  folder: string,
): Promise<string[]> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new InputError(
      `--figures: ${folder} cannot be made (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const written: string[] = [];
  for (const region of regions) {
    const slice = middleSlice(volume, region.voxels);
    const perSlice = volume.dims[0] * volume.dims[1];
    const onSlice = region.voxels.filter((index) => Math.floor(index / perSlice) === slice);
    const png = slicePng(volume, {
      axis: 'z',
      index: slice,
      ...BONE_WINDOW,
      overlays: [{ voxels: onSlice, rgba: ROI_COLOUR }],
    });
    const path = join(folder, `${region.name.replace(/[^A-Za-z0-9_-]+/g, '_')}-slice-${slice}.png`);
    await writeFile(path, png);
    written.push(path);
  }
  return written;
}
