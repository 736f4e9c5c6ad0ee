import { describe, expect, it } from 'vitest';
import {
  areaCm2,
  createVolume,
  ellipseVoxels,
  huRangeVoxels,
  labelsIn,
  regionStatistics,
  voxelsWithLabel,
} from '../src/index.ts';

// 11 × 11 × 5 volume whose value is the voxel's x index; spacing 0.5 × 0.5 × 2 mm.
const dims = [11, 11, 5] as const;
const ramp = createVolume({
  data: Int16Array.from({ length: 11 * 11 * 5 }, (_, n) => n % 11),
  dims,
  spacingMm: [0.5, 0.5, 2],
});

describe('ellipseVoxels', () => {
  it('counts the voxel centres inside the ellipse, by hand', () => {
    // Centre (5, 5), radii (2, 1): row j = 5 has i = 3..7 (5 voxels); rows 4 and 6 only i = 5. 7 voxels.
    const voxels = ellipseVoxels(ramp, { center: [5, 5, 0], radii: [2, 1], slices: [0, 0] });
    expect(Array.from(voxels)).toEqual([
      4 * 11 + 5,
      5 * 11 + 3,
      5 * 11 + 4,
      5 * 11 + 5,
      5 * 11 + 6,
      5 * 11 + 7,
      6 * 11 + 5,
    ]);
  });

  it('repeats the in-plane ellipse on every slice of the range', () => {
    // A circle of radius 2: the lattice points with i² + j² ≤ 4 are 1 + 4 + 4 + 4 = 13 (centre, 4 at
    // distance 1, 4 at √2, 4 at 2); slices 2 to 4 make 39.
    expect(ellipseVoxels(ramp, { center: [5, 5, 3], radii: [2, 2], slices: [2, 4] })).toHaveLength(39);
  });

  it('refuses an ellipse outside the volume or with a radius ≤ 0, naming the field', () => {
    expect(() => ellipseVoxels(ramp, { center: [11, 5, 0], radii: [1, 1], slices: [0, 0] })).toThrow(
      /center\[0\] is 11, outside the volume \(0 to 10\)/,
    );
    expect(() => ellipseVoxels(ramp, { center: [5, 5, 0], radii: [0, 1], slices: [0, 0] })).toThrow(
      /radii\[0\] must be greater than 0/,
    );
    expect(() => ellipseVoxels(ramp, { center: [1, 5, 0], radii: [3, 1], slices: [0, 0] })).toThrow(
      /radii\[0\] reaches x -2 to 4, outside/,
    );
    expect(() => ellipseVoxels(ramp, { center: [5, 5, 0], radii: [1, 1], slices: [0, 5] })).toThrow(
      /slices\[1\] is 5, not a slice/,
    );
    expect(() => ellipseVoxels(ramp, { center: [5, 5, 0], radii: [1, 1], slices: [3, 1] })).toThrow(
      /give the first slice first/,
    );
  });
});

describe('regionStatistics', () => {
  it('gives the mean, SD, range and volume of a known region', () => {
    // The 7-voxel ellipse above holds x values 3 4 5 6 7 5 5: mean 5; squared deviations 4+1+0+1+4 = 10;
    // sample SD √(10/6) = 1.29099; volume 7 × 0.5 × 0.5 × 2 = 3.5 mm³.
    const voxels = ellipseVoxels(ramp, { center: [5, 5, 0], radii: [2, 1], slices: [0, 0] });
    const stats = regionStatistics(ramp, voxels);
    expect(stats.voxelCount).toBe(7);
    expect(stats.meanHu).toBeCloseTo(5, 12);
    expect(stats.sdHu).toBeCloseTo(1.29099, 5);
    expect(stats.minHu).toBe(3);
    expect(stats.maxHu).toBe(7);
    expect(stats.volumeMm3).toBeCloseTo(3.5, 12);
  });

  it('reads the requested frame of a 4-D volume', () => {
    // Frame t holds 100·t everywhere.
    const dynamic = createVolume({
      data: Float32Array.from({ length: 8 * 3 }, (_, n) => 100 * Math.floor(n / 8)),
      dims: [2, 2, 2],
      frames: 3,
    });
    expect(regionStatistics(dynamic, Int32Array.of(0, 7), 2).meanHu).toBe(200);
    expect(() => regionStatistics(dynamic, Int32Array.of(0), 3)).toThrow(
      /frame 3 is not a frame of the volume \(0 to 2\)/,
    );
  });

  it('refuses an empty region and an index outside the volume', () => {
    expect(() => regionStatistics(ramp, new Int32Array(0))).toThrow(/no voxels/);
    expect(() => regionStatistics(ramp, Int32Array.of(605))).toThrow(
      /voxel index 605 is outside the volume \(0 to 604\)/,
    );
  });
});

describe('huRangeVoxels and areaCm2', () => {
  it('keeps the voxels within the range, ends included', () => {
    const voxels = ellipseVoxels(ramp, { center: [5, 5, 0], radii: [2, 1], slices: [0, 0] });
    // Values 5 (centre row i = 5 and the rows above and below) and 6: 3 fives and 1 six.
    expect(Array.from(huRangeVoxels(ramp, voxels, 5, 6))).toEqual([
      4 * 11 + 5,
      5 * 11 + 5,
      5 * 11 + 6,
      6 * 11 + 5,
    ]);
  });

  it('turns a voxel count on one slice into cm²', () => {
    // 400 voxels × 0.5 mm × 0.5 mm = 100 mm² = 1 cm².
    expect(areaCm2(ramp, 400)).toBeCloseTo(1, 12);
  });
});

describe('label masks', () => {
  const mask = createVolume({ data: Uint8Array.of(0, 2, 2, 0, 5, 2, 0, 0), dims: [2, 2, 2] });

  it('counts each label and leaves out 0', () => {
    expect([...labelsIn(mask)]).toEqual([
      [2, 3],
      [5, 1],
    ]);
  });

  it('lists the voxels of a label', () => {
    expect(Array.from(voxelsWithLabel(mask, 2))).toEqual([1, 2, 5]);
    expect(voxelsWithLabel(mask, 9)).toHaveLength(0);
  });

  it('refuses a mask whose values are not whole-number labels', () => {
    const fractional = createVolume({ data: Float32Array.of(0, 1, 0.5, 0), dims: [2, 2, 1] });
    expect(() => labelsIn(fractional)).toThrow(/voxel 2 holds 0.5, which is not a whole-number label/);
  });
});
