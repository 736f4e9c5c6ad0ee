import defaultsJson from '../../data/map-grid-defaults.json' with { type: 'json' };

/** Where the maps are computed, with the reasoning (data/map-grid-defaults.json). */
export interface MapGridDefaults {
  readonly source: string;
  /** 'auto' (a sub-grid from σ and the pixel spacing) or 1 (every tissue voxel). */
  readonly stride: 'auto' | 1;
  readonly strideSource: string;
  /** k: the sub-grid spacing is at most σ / k. */
  readonly sigmaPerSubGridSpacing: number;
  readonly sigmaPerSubGridSpacingSource: string;
}

function strideOf(value: string | number): 'auto' | 1 {
  if (value === 'auto' || value === 1) return value;
  throw new Error(`data/map-grid-defaults.json: stride must be 'auto' or 1, got ${String(value)}`);
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`data/map-grid-defaults.json: ${field} must be a positive number, got ${value}`);
  return value;
}

export const mapGridDefaults: MapGridDefaults = {
  ...defaultsJson,
  stride: strideOf(defaultsJson.stride),
  sigmaPerSubGridSpacing: positive(defaultsJson.sigmaPerSubGridSpacing, 'sigmaPerSubGridSpacing'),
};
