import type { Volume } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';

/** How far spacing and origin (mm) and direction cosines may differ for two grids to be the same. */
const GRID_TOLERANCE = 1e-3;

function differs(a: readonly number[], b: readonly number[]): boolean {
  return (
    a.length !== b.length || a.some((value, index) => Math.abs(value - (b[index] ?? NaN)) > GRID_TOLERANCE)
  );
}

const show = (values: readonly number[]): string => values.map((v) => Number(v.toFixed(4))).join(', ');

/** What differs between the two volumes' voxel grids, or undefined when they are the same grid. */
export function gridMismatch(a: Volume, b: Volume): string | undefined {
  if (a.dims.some((n, axis) => n !== b.dims[axis])) {
    return `dimensions ${a.dims.join('×')} and ${b.dims.join('×')} differ`;
  }
  if (differs(a.spacingMm, b.spacingMm)) {
    return `spacing ${show(a.spacingMm)} mm and ${show(b.spacingMm)} mm differ`;
  }
  if (differs(a.originMm, b.originMm))
    return `origin ${show(a.originMm)} mm and ${show(b.originMm)} mm differ`;
  if (differs(a.direction, b.direction)) {
    return `direction cosines ${show(a.direction)} and ${show(b.direction)} differ`;
  }
  return undefined;
}

/** True when both volumes have the same dimensions, and spacing, origin and direction within 1e-3. */
export function sameGrid(a: Volume, b: Volume): boolean {
  return gridMismatch(a, b) === undefined;
}

/**
 * Refuses a mask (or any second volume) whose voxel grid is not the CT's, naming the mask's file and
 * what differs: a region read on another grid would measure the wrong voxels.
 */
export function assertSameGrid(ct: Volume, mask: Volume, maskFile: string): void {
  const mismatch = gridMismatch(ct, mask);
  if (mismatch !== undefined) {
    throw new VolumeReadError(maskFile, `not on the CT's voxel grid: ${mismatch} (CT first, then mask)`);
  }
}
