/** The typed arrays a volume's voxels may be stored in. Values are always in real units (HU for CT). */
export type VoxelArray = Float32Array | Int16Array | Uint8Array | Uint16Array | Int32Array;

/** Three numbers along the volume's x (column), y (row) and z (slice) voxel axes. */
export type Triple = readonly [number, number, number];

/**
 * A 3-D (or 3-D + time) image on a regular grid, shared by the QCT and perfusion engines.
 *
 * Voxel (i, j, k) of frame t is `data[i + dims[0] * (j + dims[1] * (k + dims[2] * t))]`: x fastest.
 * Geometry is in DICOM patient coordinates (LPS, millimetres): the centre of voxel (i, j, k) is
 * `originMm + i·spacingMm[0]·row(0) + j·spacingMm[1]·row(1) + k·spacingMm[2]·row(2)`, where row(n) is
 * the unit vector `direction[3n .. 3n+2]`. NIfTI's RAS affine is converted on read and write.
 */
export interface Volume<T extends VoxelArray = VoxelArray> {
  readonly data: T;
  readonly dims: Triple;
  readonly spacingMm: Triple;
  readonly originMm: Triple;
  /** Unit direction cosines of the x, y and z voxel axes in LPS, row by row (9 numbers). */
  readonly direction: readonly number[];
  /** Number of time frames (1 for a 3-D volume). */
  readonly frames: number;
  /** Time of each frame from the first, in seconds, when the source says (dynamic series). */
  readonly frameTimesS?: readonly number[];
}
