import viridisJson from '../../data/colour-map-viridis.json' with { type: 'json' };
import type { Rgb } from './raster.ts';

/** A colour map as anchor colours at equal steps from 0 to 1 (data/colour-map-viridis.json). */
export interface ColourMap {
  readonly source: string;
  readonly name: string;
  readonly rgb: readonly (readonly number[])[];
}

export const viridis: ColourMap = viridisJson;

/** The colour of a fraction 0–1 (clamped) of the map, interpolated linearly between its anchors. */
export function colourAt(map: ColourMap, fraction: number): Rgb {
  const last = map.rgb.length - 1;
  const position = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * last;
  const below = Math.min(Math.floor(position), last - 1);
  const w = position - below;
  const a = map.rgb[below] ?? [0, 0, 0];
  const b = map.rgb[below + 1] ?? a;
  // written out per channel (a closure per call was most of a montage's time).
  return [
    Math.round((a[0] ?? 0) * (1 - w) + (b[0] ?? 0) * w),
    Math.round((a[1] ?? 0) * (1 - w) + (b[1] ?? 0) * w),
    Math.round((a[2] ?? 0) * (1 - w) + (b[2] ?? 0) * w),
  ];
}
