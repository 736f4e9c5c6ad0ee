import type { Triple } from '@quantrad/imaging';

/** Hemisphere labels of `splitHemispheres`. */
export const HEMISPHERE = { outside: 0, right: 1, left: 2 } as const;

/** Fraction of a slice axis' length that must lie along patient x for a per-slice left/right split. */
const MIN_IN_PLANE_X_COSINE = 0.5;
/** Voxels closer than this to the mid-plane lie on it and belong to neither side. */
const MIDLINE_TOLERANCE_MM = 1e-6;

/**
 * Labels each brain voxel right (1) or left (2) of the brain's midline; 0 outside the brain mask and on the
 * mid-plane itself. Per slice k, the mid-plane is halfway between the smallest and largest patient x of the
 * slice's brain voxels (a quantrad choice: the brain mask is bounded by the skull, so its extent is not
 * moved by a lesion or an asymmetric ventricle as a centroid would be). Patient coordinates are DICOM LPS
 * (`direction` row by row as in `Volume`): +x points to the patient's left, so x above the midline is left.
 * Only the voxel axes' x cosines matter; the origin cancels. Throws a RangeError naming the field when the
 * input is unusable or the slices do not contain the patient's x axis (e.g. sagittal slices).
 */
export function splitHemispheres(
  dims: Triple,
  spacingMm: Triple,
  direction: readonly number[],
  brainMask: Uint8Array,
): Uint8Array {
  const [nx, ny, nz] = dims;
  for (const [n, name] of [
    [nx, 'dims[0]'],
    [ny, 'dims[1]'],
    [nz, 'dims[2]'],
  ] as const) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`splitHemispheres: ${name} must be ≥ 1, got ${n}`);
  }
  spacingMm.forEach((s, axis) => {
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new RangeError(`splitHemispheres: spacingMm[${axis}] must be a positive number, got ${s}`);
    }
  });
  if (direction.length !== 9 || direction.some((c) => !Number.isFinite(c))) {
    throw new RangeError('splitHemispheres: direction must hold 9 finite direction cosines');
  }
  const sliceVoxels = nx * ny;
  if (brainMask.length !== sliceVoxels * nz) {
    throw new RangeError(
      `splitHemispheres: brainMask has ${brainMask.length} voxels, dims give ${sliceVoxels * nz}`,
    );
  }
  // Patient-x step (mm) per voxel along i and j: spacing × the x cosine of that voxel axis.
  const xCosI = direction[0] ?? 0;
  const xCosJ = direction[3] ?? 0;
  if (Math.hypot(xCosI, xCosJ) < MIN_IN_PLANE_X_COSINE) {
    throw new RangeError(
      'splitHemispheres: direction puts the patient left-right axis across the slices (sagittal?); ' +
        'a per-slice midline needs axial or coronal slices',
    );
  }
  const dxI = spacingMm[0] * xCosI;
  const dxJ = spacingMm[1] * xCosJ;

  const labels = new Uint8Array(brainMask.length);
  for (let k = 0; k < nz; k++) {
    const base = k * sliceVoxels;
    let minX = Infinity;
    let maxX = -Infinity;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (brainMask[base + i + nx * j] === 0) continue;
        const x = i * dxI + j * dxJ;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
      }
    }
    if (minX > maxX) continue; // no brain in this slice
    const midX = (minX + maxX) / 2;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const index = base + i + nx * j;
        if (brainMask[index] === 0) continue;
        const offsetMm = i * dxI + j * dxJ - midX;
        if (offsetMm > MIDLINE_TOLERANCE_MM) labels[index] = HEMISPHERE.left;
        else if (offsetMm < -MIDLINE_TOLERANCE_MM) labels[index] = HEMISPHERE.right;
      }
    }
  }
  return labels;
}
