import { z } from 'zod';
import defaultsJson from '../../data/map-grid-defaults.json' with { type: 'json' };

// Where the maps are computed (STYLE.md: data is data, with its source), validated when loaded so a mistyped
// file fails at start-up.

const source = z.string().min(1);

const mapGridSchema = z.strictObject({
  source,
  /** 'auto' (a sub-grid from σ and the pixel spacing) or 1 (every tissue voxel). */
  stride: z.union([z.literal('auto'), z.literal(1)]),
  strideSource: source,
  /** k: the sub-grid spacing is at most σ / k. */
  sigmaPerSubGridSpacing: z.number().positive(),
  sigmaPerSubGridSpacingSource: source,
});

/** Where the maps are computed, with the reasoning (data/map-grid-defaults.json). */
export type MapGridDefaults = Readonly<z.infer<typeof mapGridSchema>>;

/** Validates map-grid defaults (data/map-grid-defaults.json's shape); the error names the field. */
export function parseMapGridDefaults(value: unknown): MapGridDefaults {
  return mapGridSchema.parse(value);
}

export const mapGridDefaults: MapGridDefaults = parseMapGridDefaults(defaultsJson);
