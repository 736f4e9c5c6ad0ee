import type { Triple, Volume, VoxelArray } from '../types/volume.ts';

/** What `createVolume` needs: the voxels and dimensions, and optionally the geometry and time frames. */
export interface VolumeInput<T extends VoxelArray> {
  data: T;
  dims: Triple;
  /** Voxel size along x, y, z in mm (default 1, 1, 1). */
  spacingMm?: Triple;
  /** LPS position of the centre of voxel (0, 0, 0) in mm (default 0, 0, 0). */
  originMm?: Triple;
  /** Unit direction cosines of the x, y and z voxel axes in LPS, row by row (default identity). */
  direction?: readonly number[];
  /** Number of time frames (default 1). */
  frames?: number;
  /** Time of each frame from the first, in seconds. */
  frameTimesS?: readonly number[];
}

const IDENTITY: readonly number[] = [1, 0, 0, 0, 1, 0, 0, 0, 1];
/** How far a direction row's length may be from 1 (DICOM cosines are often written to 6 decimals). */
const UNIT_TOLERANCE = 1e-3;

function fail(field: string, problem: string): never {
  throw new RangeError(`createVolume: ${field} ${problem}`);
}

function checkTriple(name: string, value: Triple, positive: boolean): Triple {
  // Callers in plain JavaScript (or JSON) can pass any array.
  const values: readonly number[] = value;
  if (values.length !== 3) fail(name, `must have 3 numbers, got ${values.length}`);
  value.forEach((n, axis) => {
    if (!Number.isFinite(n)) fail(`${name}[${axis}]`, `must be a finite number, got ${n}`);
    if (positive && n <= 0) fail(`${name}[${axis}]`, `must be greater than 0, got ${n}`);
  });
  return [value[0], value[1], value[2]];
}

/** Determinant of the 3×3 matrix whose rows are the three direction cosines. */
export function directionDeterminant(d: readonly number[]): number {
  const [a = 0, b = 0, c = 0, e = 0, f = 0, g = 0, h = 0, i = 0, j = 0] = d;
  return a * (f * j - g * i) - b * (e * j - g * h) + c * (e * i - f * h);
}

/**
 * A validated `Volume`: the voxel count must equal dims[0]·dims[1]·dims[2]·frames, spacing must be
 * positive, each direction row a unit vector and the three rows independent. Throws a RangeError naming
 * the field otherwise.
 */
export function createVolume<T extends VoxelArray>(input: VolumeInput<T>): Volume<T> {
  const dims = checkTriple('dims', input.dims, true);
  dims.forEach((n, axis) => {
    if (!Number.isInteger(n)) fail(`dims[${axis}]`, `must be a whole number, got ${n}`);
  });
  const frames = input.frames ?? 1;
  if (!Number.isInteger(frames) || frames < 1) fail('frames', `must be a whole number ≥ 1, got ${frames}`);
  const expected = dims[0] * dims[1] * dims[2] * frames;
  if (input.data.length !== expected) {
    fail(
      'data',
      `has ${input.data.length} voxels but dims ${dims.join('×')} × ${frames} frame(s) need ${expected}`,
    );
  }
  const spacingMm = checkTriple('spacingMm', input.spacingMm ?? [1, 1, 1], true);
  const originMm = checkTriple('originMm', input.originMm ?? [0, 0, 0], false);
  const direction = [...(input.direction ?? IDENTITY)];
  if (direction.length !== 9) fail('direction', `must have 9 numbers, got ${direction.length}`);
  direction.forEach((n, index) => {
    if (!Number.isFinite(n)) fail(`direction[${index}]`, `must be a finite number, got ${n}`);
  });
  for (let axis = 0; axis < 3; axis++) {
    const row = direction.slice(3 * axis, 3 * axis + 3);
    const length = Math.hypot(...row);
    if (Math.abs(length - 1) > UNIT_TOLERANCE) {
      fail(
        `direction[${3 * axis}..${3 * axis + 2}]`,
        `(axis ${'xyz'[axis] ?? ''}) must be a unit vector, its length is ${length}`,
      );
    }
  }
  if (Math.abs(directionDeterminant(direction)) < UNIT_TOLERANCE) {
    fail('direction', 'rows must be independent (the three axes are coplanar)');
  }
  const volume: Volume<T> = { data: input.data, dims, spacingMm, originMm, direction, frames };
  if (input.frameTimesS === undefined) return volume;
  const frameTimesS = [...input.frameTimesS];
  if (frameTimesS.length !== frames) {
    fail('frameTimesS', `has ${frameTimesS.length} times but the volume has ${frames} frame(s)`);
  }
  frameTimesS.forEach((t, index) => {
    if (!Number.isFinite(t)) fail(`frameTimesS[${index}]`, `must be a finite number, got ${t}`);
  });
  return { ...volume, frameTimesS };
}
