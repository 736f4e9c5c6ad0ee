// Tolerances for reading a dynamic (time-resolved) series. quantrad defaults: DICOM positions and times
// are decimal strings, so exact comparisons fail on rounding; these sit well above that rounding and well
// below a slice spacing (≥ 0.5 mm in CT) or a frame interval (≥ 0.5 s in CT perfusion).
export const dynamicTolerances = {
  /** Images of two time points closer than this (mm) along the slice normal are the same slice. */
  sameSlicePositionMm: 0.05,
  /** An image further than this (mm) in-plane from its slice's place at the first time point moved. */
  inPlaneShiftMm: 0.05,
  /** A frame interval is uneven when it differs from the median by more than 5% of it and 0.05 s. */
  intervalRelative: 0.05,
  intervalAbsoluteS: 0.05,
} as const;
