import type { Triple, Volume } from '../types/volume.ts';
import { directionDeterminant } from './create-volume.ts';

/** Column n of the voxel-to-world matrix: spacing[n] times direction row n (LPS mm per voxel step). */
function axisMm(volume: Volume, axis: number): Triple {
  const s = volume.spacingMm[axis] ?? 1;
  const d = volume.direction;
  return [(d[3 * axis] ?? 0) * s, (d[3 * axis + 1] ?? 0) * s, (d[3 * axis + 2] ?? 0) * s];
}

/** LPS position in mm of the centre of voxel (i, j, k); fractional indices are allowed. */
export function voxelToWorldMm(volume: Volume, [i, j, k]: Triple): Triple {
  const [ax, ay, az] = [axisMm(volume, 0), axisMm(volume, 1), axisMm(volume, 2)];
  const [ox, oy, oz] = volume.originMm;
  return [
    ox + i * ax[0] + j * ay[0] + k * az[0],
    oy + i * ax[1] + j * ay[1] + k * az[1],
    oz + i * ax[2] + j * ay[2] + k * az[2],
  ];
}

/** Fractional voxel indices (i, j, k) of an LPS point in mm: the inverse of `voxelToWorldMm`. */
export function worldToVoxel(volume: Volume, [x, y, z]: Triple): Triple {
  const a = axisMm(volume, 0);
  const b = axisMm(volume, 1);
  const c = axisMm(volume, 2);
  // Solve i·a + j·b + k·c = p − origin by Cramer's rule (a, b, c are the matrix columns).
  const p: Triple = [x - volume.originMm[0], y - volume.originMm[1], z - volume.originMm[2]];
  const det = directionDeterminant([...a, ...b, ...c]);
  return [
    directionDeterminant([...p, ...b, ...c]) / det,
    directionDeterminant([...a, ...p, ...c]) / det,
    directionDeterminant([...a, ...b, ...p]) / det,
  ];
}
