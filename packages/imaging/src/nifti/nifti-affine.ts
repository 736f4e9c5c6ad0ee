import type { Triple, Volume } from '../types/volume.ts';

/** A 3×4 affine, row by row: world = A·[i, j, k, 1]. */
export type Affine3x4 = readonly [readonly number[], readonly number[], readonly number[]];

/** The geometry part of a `Volume`. */
export interface VolumeGeometry {
  spacingMm: Triple;
  originMm: Triple;
  direction: number[];
}

// NIfTI-1 world coordinates are RAS (+x right, +y anterior, +z superior); DICOM and `Volume` are LPS.
// Converting between them negates the first two world coordinates (nifti1.h, "orientation").
const RAS_TO_LPS: Triple = [-1, -1, 1];

/**
 * The geometry of a volume from a NIfTI RAS affine (sform, or qform turned into a matrix): spacing is
 * the length of each column, direction the unit column in LPS, origin the translation in LPS.
 * Returns the number of the zero-length column instead when the affine is degenerate.
 */
export function geometryFromRasAffine(affine: Affine3x4): VolumeGeometry | { zeroColumn: number } {
  const spacing: number[] = [];
  const direction: number[] = [];
  for (let column = 0; column < 3; column++) {
    const lps = [0, 1, 2].map((row) => (affine[row]?.[column] ?? 0) * (RAS_TO_LPS[row] ?? 1));
    const length = Math.hypot(...lps);
    if (!(length > 0)) return { zeroColumn: column };
    spacing.push(length);
    direction.push(...lps.map((v) => v / length));
  }
  const origin = [0, 1, 2].map((row) => (affine[row]?.[3] ?? 0) * (RAS_TO_LPS[row] ?? 1));
  return {
    spacingMm: [spacing[0] ?? 1, spacing[1] ?? 1, spacing[2] ?? 1],
    originMm: [origin[0] ?? 0, origin[1] ?? 0, origin[2] ?? 0],
    direction,
  };
}

/** The NIfTI RAS affine (sform rows) of a volume's LPS geometry. */
export function rasAffineOf(volume: Volume): Affine3x4 {
  const rows = [0, 1, 2].map((row) => {
    const flip = RAS_TO_LPS[row] ?? 1;
    const columns = [0, 1, 2].map(
      (axis) => flip * (volume.direction[3 * axis + row] ?? 0) * (volume.spacingMm[axis] ?? 1),
    );
    return [...columns, flip * (volume.originMm[row] ?? 0)];
  });
  return [rows[0] ?? [], rows[1] ?? [], rows[2] ?? []];
}

/** NIfTI quaternion parameters: b, c, d (a is implied), and qfac (pixdim[0], ±1). */
export interface Quaternion {
  b: number;
  c: number;
  d: number;
  qfac: 1 | -1;
}

/**
 * The qform quaternion of a RAS rotation with unit columns (nifti1.h, "METHOD 2"): when the columns
 * make a left-handed set, qfac is −1 and the third column is negated to make a proper rotation.
 */
export function quaternionOf(rotation: readonly (readonly number[])[]): Quaternion {
  const r = (row: number, column: number): number => rotation[row]?.[column] ?? 0;
  const det =
    r(0, 0) * (r(1, 1) * r(2, 2) - r(1, 2) * r(2, 1)) -
    r(0, 1) * (r(1, 0) * r(2, 2) - r(1, 2) * r(2, 0)) +
    r(0, 2) * (r(1, 0) * r(2, 1) - r(1, 1) * r(2, 0));
  const qfac = det < 0 ? -1 : 1;
  const m = (row: number, column: number): number => (column === 2 ? qfac : 1) * r(row, column);
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  const trace = m(0, 0) + m(1, 1) + m(2, 2) + 1;
  if (trace > 0.5) {
    a = 0.5 * Math.sqrt(trace);
    b = (0.25 * (m(2, 1) - m(1, 2))) / a;
    c = (0.25 * (m(0, 2) - m(2, 0))) / a;
    d = (0.25 * (m(1, 0) - m(0, 1))) / a;
  } else {
    const xd = 1 + m(0, 0) - (m(1, 1) + m(2, 2));
    const yd = 1 + m(1, 1) - (m(0, 0) + m(2, 2));
    const zd = 1 + m(2, 2) - (m(0, 0) + m(1, 1));
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (m(0, 1) + m(1, 0))) / b;
      d = (0.25 * (m(0, 2) + m(2, 0))) / b;
      a = (0.25 * (m(2, 1) - m(1, 2))) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (m(0, 1) + m(1, 0))) / c;
      d = (0.25 * (m(1, 2) + m(2, 1))) / c;
      a = (0.25 * (m(0, 2) - m(2, 0))) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (m(0, 2) + m(2, 0))) / d;
      c = (0.25 * (m(1, 2) + m(2, 1))) / d;
      a = (0.25 * (m(1, 0) - m(0, 1))) / d;
    }
  }
  // The quaternion and its negative are the same rotation; NIfTI keeps a ≥ 0 so that a can be implied.
  if (a < 0) [b, c, d] = [-b, -c, -d];
  return { b, c, d, qfac };
}

/** The RAS affine of a qform: rotation from the quaternion, columns scaled by pixdim, third by qfac. */
export function qformAffine({ b, c, d, qfac }: Quaternion, pixdimMm: Triple, offsetMm: Triple): Affine3x4 {
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const rotation = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  const scale = [pixdimMm[0], pixdimMm[1], pixdimMm[2] * qfac];
  const rows = rotation.map((row, index) => [
    ...row.map((value, column) => value * (scale[column] ?? 1)),
    offsetMm[index] ?? 0,
  ]);
  return [rows[0] ?? [], rows[1] ?? [], rows[2] ?? []];
}
