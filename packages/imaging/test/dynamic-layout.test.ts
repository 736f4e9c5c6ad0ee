import { describe, expect, it } from 'vitest';
import { dynamicLayout, type TimedImage } from '../src/dicom/dynamic-layout.ts';
import type { Triple } from '../src/index.ts';

const axial: Triple = [0, 0, 1];

/**
 * A shuttle-mode-like series: 3 slices at z = 10, 15, 20 mm, 4 passes 2 s apart, and within a pass each
 * slice 0.4 s after the one below (so the slices of one time point have different times).
 */
function shuttleImages(skip?: { pass: number; slice: number }): TimedImage[] {
  const images: TimedImage[] = [];
  for (let pass = 0; pass < 4; pass++) {
    for (let slice = 0; slice < 3; slice++) {
      if (skip?.pass === pass && skip.slice === slice) continue;
      images.push({
        where: `p${pass}-s${slice}`,
        positionMm: [-100, -100, 10 + 5 * slice],
        timeS: 1000 + 2 * pass + 0.4 * slice,
      });
    }
  }
  return images.reverse(); // any order in, the same grid out
}

describe('dynamic layout: time points × slices', () => {
  it('arranges shuttle-mode images by slice and time; a time point starts at its earliest image', () => {
    const images = shuttleImages();
    const layout = dynamicLayout(images, axial, 'series');
    expect(layout.slicePositionsMm).toEqual([10, 15, 20]);
    expect(layout.grid.map((row) => row.map((index) => images[index]?.where))).toEqual([
      ['p0-s0', 'p0-s1', 'p0-s2'],
      ['p1-s0', 'p1-s1', 'p1-s2'],
      ['p2-s0', 'p2-s1', 'p2-s2'],
      ['p3-s0', 'p3-s1', 'p3-s2'],
    ]);
    expect(layout.timePointTimesS).toEqual([1000, 1002, 1004, 1006]);
    // Slices of one pass span 0 to 0.8 s (2 × 0.4 s).
    expect(layout.maxSliceTimeSpreadS).toBeCloseTo(0.8, 9);
  });

  it('finds the time point a slice lacks by nearest time, without temporal positions', () => {
    // Slice 3 (20 mm) of pass 3 (t = 1004.8 s) is missing; its other images match passes 1, 2 and 4.
    expect(() => dynamicLayout(shuttleImages({ pass: 2, slice: 2 }), axial, 'series')).toThrow(
      /^series: missing slice: time point 3 of 4 \(at 4 s\) has no image at slice 3 of 3 \(20 mm along the slice normal\)/,
    );
  });

  it('groups by temporal position when every image has one, and refuses positions that disagree with time', () => {
    const images = shuttleImages().map((image) => ({
      ...image,
      temporalPosition: Number(image.where.slice(1, 2)) === 1 ? 7 : Number(image.where.slice(1, 2)) * 2,
    }));
    // Passes 0, 2, 3 have positions 0, 4, 6 and pass 1 has 7: ordered 0, 4, 6, 7 the times run
    // 1000, 1004, 1006, 1002 s, so the fourth time point is not after the third.
    expect(() => dynamicLayout(images, axial, 'series')).toThrow(
      /time point 4 is at 2 s, not after time point 3 at 6 s: the temporal positions and acquisition times disagree/,
    );
  });

  it('refuses a slice that moved in-plane between time points', () => {
    const images = shuttleImages().map((image) =>
      image.where === 'p2-s1' ? { ...image, positionMm: [-99.5, -100, 15] as Triple } : image,
    );
    expect(() => dynamicLayout(images, axial, 'series')).toThrow(
      /^p2-s1: ImagePositionPatient -99\.5\\-100\\15 is 0\.5 mm from -100\\-100\\15 of the same slice in p0-s1: the slab moved/,
    );
  });

  it('refuses two images of one slice at one time', () => {
    const images = [
      ...shuttleImages(),
      { where: 'copy', positionMm: [-100, -100, 15] as Triple, timeS: 1002.4 },
    ];
    expect(() => dynamicLayout(images, axial, 'series')).toThrow(
      /duplicate image: at the same slice position and acquisition time as (copy|p1-s1)/,
    );
  });
});
