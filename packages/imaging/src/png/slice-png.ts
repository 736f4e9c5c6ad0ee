import { PNG } from 'pngjs';
import type { Volume } from '../types/volume.ts';
import { frameStart, voxelsPerFrame } from '../roi/voxel-checks.ts';

export type SliceAxis = 'z' | 'y' | 'x';

export interface SliceOverlay {
  /** Linear voxel indices (first frame layout); those on the slice are painted. */
  voxels: Int32Array;
  /** Colour and opacity, 0–255 each; alpha blends the colour over the grey. */
  rgba: readonly [number, number, number, number];
}

export interface SlicePngOptions {
  /** The axis held fixed: 'z' an axial slice (x across, y down), 'y' (x across, z), 'x' (y across, z). */
  axis?: SliceAxis;
  index: number;
  windowCentre: number;
  windowWidth: number;
  overlays?: readonly SliceOverlay[];
  frame?: number;
}

/**
 * The grey level 0–255 of a value under a window, by the DICOM linear VOI function
 * (PS3.3 C.11.2.1.2.1): below c − 0.5 − (w − 1)/2 black, above c − 0.5 + (w − 1)/2 white.
 */
export function windowGrey(value: number, centre: number, width: number): number {
  const low = centre - 0.5 - (width - 1) / 2;
  const high = centre - 0.5 + (width - 1) / 2;
  if (value <= low) return 0;
  if (value > high) return 255;
  return Math.round(((value - (centre - 0.5)) / (width - 1) + 0.5) * 255);
}

interface Plane {
  width: number;
  height: number;
  columnSpacingMm: number;
  rowSpacingMm: number;
  /** Linear voxel index (first frame) of image pixel (column, row). */
  voxel: (column: number, row: number) => number;
  /** Image pixel of a linear voxel index, or undefined when the voxel is off the slice. */
  pixel: (voxel: number) => readonly [number, number] | undefined;
}

function planeOf(volume: Volume, axis: SliceAxis, index: number): Plane {
  const [nx, ny, nz] = volume.dims;
  const [sx, sy, sz] = volume.spacingMm;
  // Sagittal and coronal images put the patient's head at the top: LPS +z is superior.
  const superiorUp = (volume.direction[8] ?? 1) >= 0;
  const rowOfK = (k: number): number => (superiorUp ? nz - 1 - k : k);
  const split = (v: number): [number, number, number] => [
    v % nx,
    Math.floor(v / nx) % ny,
    Math.floor(v / (nx * ny)),
  ];
  switch (axis) {
    case 'z':
      return {
        width: nx,
        height: ny,
        columnSpacingMm: sx,
        rowSpacingMm: sy,
        voxel: (c, r) => c + nx * (r + ny * index),
        pixel: (v) => {
          const [i, j, k] = split(v);
          return k === index ? [i, j] : undefined;
        },
      };
    case 'y':
      return {
        width: nx,
        height: nz,
        columnSpacingMm: sx,
        rowSpacingMm: sz,
        voxel: (c, r) => c + nx * (index + ny * rowOfK(r)),
        pixel: (v) => {
          const [i, j, k] = split(v);
          return j === index ? [i, rowOfK(k)] : undefined;
        },
      };
    case 'x':
      return {
        width: ny,
        height: nz,
        columnSpacingMm: sy,
        rowSpacingMm: sz,
        voxel: (c, r) => index + nx * (c + ny * rowOfK(r)),
        pixel: (v) => {
          const [i, j, k] = split(v);
          return i === index ? [j, rowOfK(k)] : undefined;
        },
      };
  }
}

/**
 * One slice of a volume as an 8-bit PNG with a window (centre/width): greyscale, or RGB when overlays
 * colour regions of interest. Pixels keep the in-plane aspect: when the row spacing differs from the
 * column spacing, rows are resampled (nearest neighbour) so each pixel is square in millimetres.
 */
export function slicePng(volume: Volume, options: SlicePngOptions): Uint8Array {
  const axis = options.axis ?? 'z';
  const axisSize = axis === 'x' ? volume.dims[0] : axis === 'y' ? volume.dims[1] : volume.dims[2];
  const { index, windowCentre, windowWidth } = options;
  if (!Number.isInteger(index) || index < 0 || index >= axisSize) {
    throw new RangeError(`slicePng: index ${index} is not a slice along ${axis} (0 to ${axisSize - 1})`);
  }
  if (!Number.isFinite(windowCentre)) throw new RangeError(`slicePng: windowCentre must be a number`);
  if (!Number.isFinite(windowWidth) || windowWidth < 1) {
    throw new RangeError(`slicePng: windowWidth must be at least 1, got ${windowWidth}`);
  }
  const base = frameStart(volume, options.frame ?? 0);
  const plane = planeOf(volume, axis, index);
  const { width, height } = plane;

  const overlays = options.overlays ?? [];
  const channels = overlays.length > 0 ? 3 : 1;
  const source = new Uint8Array(width * height * channels);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const grey = windowGrey(volume.data[base + plane.voxel(c, r)] ?? 0, windowCentre, windowWidth);
      source.fill(grey, (r * width + c) * channels, (r * width + c + 1) * channels);
    }
  }
  const perFrame = voxelsPerFrame(volume);
  overlays.forEach((overlay, n) => {
    const [red, green, blue, alpha] = overlay.rgba;
    const a = alpha / 255;
    for (const v of overlay.voxels) {
      if (v < 0 || v >= perFrame) {
        throw new RangeError(`slicePng: overlays[${n}] voxel index ${v} is outside the volume`);
      }
      const at = plane.pixel(v);
      if (at === undefined) continue;
      const p = (at[1] * width + at[0]) * 3;
      [red, green, blue].forEach((colour, channel) => {
        source[p + channel] = Math.round((source[p + channel] ?? 0) * (1 - a) + colour * a);
      });
    }
  });

  // Rows resampled to the column spacing, so that a pixel is as tall as it is wide in mm.
  const ratio = plane.rowSpacingMm / plane.columnSpacingMm;
  const outHeight = Math.max(1, Math.round(height * ratio));
  const rowBytes = width * channels;
  const png = new PNG({ width, height: outHeight });
  const out = Buffer.alloc(rowBytes * outHeight);
  for (let r = 0; r < outHeight; r++) {
    const sourceRow = Math.min(height - 1, Math.floor((r + 0.5) / ratio));
    out.set(source.subarray(sourceRow * rowBytes, (sourceRow + 1) * rowBytes), r * rowBytes);
  }
  png.data = out;
  const colorType = channels === 3 ? 2 : 0;
  return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: false });
}
