import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createVolume, slicePng, windowGrey } from '../src/index.ts';

function decode(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

/** Red channel of each pixel, row by row. */
function reds(png: PNG): number[][] {
  return Array.from({ length: png.height }, (_, r) =>
    Array.from({ length: png.width }, (_, c) => png.data[(r * png.width + c) * 4] ?? -1),
  );
}

describe('window (DICOM PS3.3 C.11.2.1.2.1 linear function)', () => {
  it('maps values to grey levels for centre 40, width 400', () => {
    // Black at or below 40 − 0.5 − 199.5 = −160; white above 40 − 0.5 + 199.5 = 239.
    // 0 HU: ((0 − 39.5)/399 + 0.5)·255 = 102.26 → 102; 40 HU: (0.5/399 + 0.5)·255 = 127.82 → 128.
    expect(windowGrey(-160, 40, 400)).toBe(0);
    expect(windowGrey(0, 40, 400)).toBe(102);
    expect(windowGrey(40, 40, 400)).toBe(128);
    expect(windowGrey(239, 40, 400)).toBe(255);
    expect(windowGrey(1000, 40, 400)).toBe(255);
  });
});

describe('slicePng', () => {
  // 4 × 2 × 2 volume; slice 1 holds −1000, 0, 40, 1000 on row 0 and 239, 238, 0, 0 on row 1.
  const data = new Int16Array(16);
  data.set([-1000, 0, 40, 1000, 239, 238, 0, 0], 8);
  const volume = createVolume({ data, dims: [4, 2, 2], spacingMm: [0.5, 0.5, 1] });

  it('decodes back to the windowed grey levels of the slice', () => {
    // 238: ((238 − 39.5)/399 + 0.5)·255 = 254.36 → 254.
    const png = decode(slicePng(volume, { index: 1, windowCentre: 40, windowWidth: 400 }));
    expect([png.width, png.height]).toEqual([4, 2]);
    expect(reds(png)).toEqual([
      [0, 102, 128, 255],
      [255, 254, 102, 102],
    ]);
  });

  it('repeats rows so pixels keep their aspect when rows are wider spaced than columns', () => {
    const stretched = createVolume({ data, dims: [4, 2, 2], spacingMm: [0.5, 1, 1] });
    const png = decode(slicePng(stretched, { index: 1, windowCentre: 40, windowWidth: 400 }));
    expect(png.height).toBe(4);
    expect(reds(png)).toEqual([
      [0, 102, 128, 255],
      [0, 102, 128, 255],
      [255, 254, 102, 102],
      [255, 254, 102, 102],
    ]);
  });

  it('paints overlays over the grey, blending by alpha', () => {
    // Voxel 9 = (1, 0, 1), grey 102: opaque red. Voxel 14 = (2, 1, 1), grey 102: green at alpha 128,
    // 102·127/255 + 255·128/255 = 50.8 + 128 = 178.8 → 179 green, 102·127/255 = 50.8 → 51 red and blue.
    // Voxel 1 is on slice 0 and is not drawn.
    const png = decode(
      slicePng(volume, {
        index: 1,
        windowCentre: 40,
        windowWidth: 400,
        overlays: [
          { voxels: Int32Array.of(9, 1), rgba: [255, 0, 0, 255] },
          { voxels: Int32Array.of(14), rgba: [0, 255, 0, 128] },
        ],
      }),
    );
    const pixel = (c: number, r: number): number[] =>
      Array.from(png.data.subarray((r * 4 + c) * 4, (r * 4 + c) * 4 + 3));
    expect(pixel(1, 0)).toEqual([255, 0, 0]);
    expect(pixel(2, 1)).toEqual([51, 179, 51]);
    expect(pixel(0, 0)).toEqual([0, 0, 0]);
    expect(pixel(2, 0)).toEqual([128, 128, 128]);
  });

  it('draws a coronal slice with the head at the top', () => {
    // axis 'y', index 0: columns are x, rows are z with the highest slice (most superior) first; z
    // spacing 1 mm against x spacing 0.5 mm, so each slice is drawn as two rows.
    const png = decode(slicePng(volume, { axis: 'y', index: 0, windowCentre: 40, windowWidth: 400 }));
    expect([png.width, png.height]).toEqual([4, 4]);
    expect(reds(png)).toEqual([
      [0, 102, 128, 255],
      [0, 102, 128, 255],
      [102, 102, 102, 102],
      [102, 102, 102, 102],
    ]);
  });

  it('refuses a slice index outside the volume and a window narrower than 1', () => {
    expect(() => slicePng(volume, { index: 2, windowCentre: 40, windowWidth: 400 })).toThrow(
      /index 2 is not a slice along z \(0 to 1\)/,
    );
    expect(() => slicePng(volume, { index: 0, windowCentre: 40, windowWidth: 0 })).toThrow(
      /windowWidth must be at least 1/,
    );
  });
});
