import type { Triple, Volume } from '@quantrad/imaging';
import { concentrationCurves } from '../preprocess/concentration-curves.ts';
import { voxelsPerFrame } from '../preprocess/volume-checks.ts';
import { meanOfCurves } from './curve-features.ts';

/** A spherical region: centre as voxel indices (i, j, k), radius in mm. */
export interface SphereRoi {
  readonly centreVoxel: Triple;
  readonly radiusMm: number;
}

/** The voxels of a spherical ROI (voxel centres within radiusMm of the centre, using the spacing). */
export function sphereVoxels(ct: Volume, roi: SphereRoi): Int32Array {
  const [nx, ny, nz] = ct.dims;
  const [sx, sy, sz] = ct.spacingMm;
  const [ci, cj, ck] = roi.centreVoxel;
  if (!(roi.radiusMm >= 0)) throw new RangeError(`curveAt: radiusMm must be ≥ 0, got ${roi.radiusMm}`);
  roi.centreVoxel.forEach((c, axis) => {
    const size = ct.dims[axis] ?? 0;
    if (!(c >= 0 && c <= size - 1)) {
      throw new RangeError(`curveAt: centreVoxel[${axis}] = ${c} is outside the volume (0 to ${size - 1})`);
    }
  });
  const voxels: number[] = [];
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const d2 = ((i - ci) * sx) ** 2 + ((j - cj) * sy) ** 2 + ((k - ck) * sz) ** 2;
        if (d2 <= roi.radiusMm ** 2) voxels.push(i + nx * (j + ny * k));
      }
    }
  }
  if (voxels.length === 0) throw new RangeError('curveAt: the ROI holds no voxel centre');
  return Int32Array.from(voxels);
}

/**
 * A user's override of the automatic AIF or VOF (ACR CTP VI.C: supervision of the automated selection): the
 * mean ΔHU curve over given voxels or a spherical ROI, with the baseline of the first baselineCount frames.
 */
export function curveAt(
  ct: Volume,
  region: Int32Array | SphereRoi,
  baselineCount: number,
): { voxels: Int32Array; curveDeltaHu: Float64Array } {
  const voxels = region instanceof Int32Array ? region : sphereVoxels(ct, region);
  if (voxels.length === 0) throw new RangeError('curveAt: voxels is empty');
  if (voxelsPerFrame(ct) === 0) throw new RangeError('curveAt: ct has no voxels');
  const curves = concentrationCurves(ct, voxels, baselineCount);
  return {
    voxels,
    curveDeltaHu: meanOfCurves(
      curves,
      Array.from(voxels, (_, n) => n),
      ct.frames,
    ),
  };
}
