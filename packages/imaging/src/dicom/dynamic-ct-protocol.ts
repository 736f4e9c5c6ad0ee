/** What a dynamic (perfusion) CT series says about how it was acquired over time. */
export interface DynamicCtProtocol {
  readonly frameCount: number;
  /** Time of each frame from the first (s): the earliest image of each time point. */
  readonly frameTimesS: readonly number[];
  /** Intervals between consecutive frames (s); frameCount − 1 values. */
  readonly frameIntervalsS: readonly number[];
  /** True when every interval is within tolerance of the median interval. */
  readonly uniformFrameTiming: boolean;
  /** From the first frame to the last (s): frameTimesS[last] − frameTimesS[0]. */
  readonly totalAcquisitionS: number;
  /** Largest spread of acquisition times among the slices of one frame (s); 0 for a one-shot slab. */
  readonly maxSliceTimeSpreadS: number;
  /** The header attribute(s) the times were read from. */
  readonly timeSource: string;
  readonly kvp?: number;
  readonly exposureMas?: number;
  readonly tubeCurrentMa?: number;
  /**
   * CTDIvol (0018,9345) in mGy, the largest in the series' headers. Scanners write either the CTDIvol
   * of one rotation or the accumulated value of the whole dynamic series here; check which.
   */
  readonly ctdiVolMgy?: number;
}
