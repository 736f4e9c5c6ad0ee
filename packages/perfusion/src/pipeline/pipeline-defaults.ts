import defaultsJson from '../../data/pipeline-defaults.json' with { type: 'json' };

/** Settings of runPerfusion with their rationale (data/pipeline-defaults.json). */
export interface PipelineDefaults {
  readonly source: string;
  /** Radius of the sphere around a user-given AIF or VOF voxel, mm. */
  readonly overrideRoiRadiusMm: number;
  /** Frame intervals differing by more than this (s) count as uneven: the curves are resampled. */
  readonly unevenFrameToleranceS: number;
  /** Chunks of tissue voxels the maps are computed in, for progress reports. */
  readonly progressChunks: number;
  /** Review figures: upper end of a map's colour range (percentile in the mask), smallest slice size (px). */
  readonly figures: { readonly displayUpperPercentile: number; readonly minimumTilePixels: number };
}

export const pipelineDefaults: PipelineDefaults = defaultsJson;
