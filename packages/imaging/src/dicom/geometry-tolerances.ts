// Tolerances for judging a series' geometry. DICOM stores positions as decimal strings of at most 16
// characters (PS3.5 §6.2, VR DS), so exact comparisons fail on rounding; these are well above that
// rounding and well below anything that changes a measurement.
export const geometryTolerances = {
  /** A spacing is uneven when it differs from the median by more than 1% of it and more than 0.01 mm. */
  spacingRelative: 0.01,
  spacingAbsoluteMm: 0.01,
  /** Two images closer than this along the slice normal are at the same position (duplicates). */
  samePositionMm: 0.001,
  /** Direction cosines of two slices that differ by more than this are different orientations. */
  orientationCosine: 1e-4,
  /** Pixel spacings that differ by more than this (mm) are different grids. */
  pixelSpacingMm: 1e-3,
  /** A stacking direction further than this from the slice normal is reported as gantry tilt. */
  tiltDeg: 0.01,
} as const;
