/** The geometry of a DICOM series as read: slice order, spacing, gantry tilt and what looked wrong. */
export interface SeriesGeometryReport {
  readonly seriesUid: string;
  readonly sliceCount: number;
  /** Each slice's position along the slice normal (mm), in the volume's slice order (ascending). */
  readonly slicePositionsMm: readonly number[];
  /** Distance along the slice normal between consecutive slices (mm); sliceCount − 1 values. */
  readonly sliceSpacingsMm: readonly number[];
  /** True when every spacing is within tolerance of the median spacing. */
  readonly uniformSpacing: boolean;
  /** Angle (degrees) between the slice normal and the direction the slices are stacked along. */
  readonly gantryTiltDeg: number;
  /** Things a reader of the measurements must know: tilt, uneven spacing, skipped files. */
  readonly warnings: readonly string[];
}
