import { describe, expect, it } from 'vitest';
import {
  VolumeReadError,
  assertSameGrid,
  createVolume,
  gridMismatch,
  sameGrid,
  voxelToWorldMm,
  worldToVoxel,
} from '../src/index.ts';

describe('createVolume', () => {
  it('fills in spacing 1, origin 0, identity direction and one frame', () => {
    const volume = createVolume({ data: new Int16Array(24), dims: [2, 3, 4] });
    expect(volume.spacingMm).toEqual([1, 1, 1]);
    expect(volume.originMm).toEqual([0, 0, 0]);
    expect(volume.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(volume.frames).toBe(1);
    expect('frameTimesS' in volume).toBe(false);
  });

  it('keeps frames and frame times when the voxel count matches', () => {
    const volume = createVolume({
      data: new Float32Array(2 * 2 * 1 * 3),
      dims: [2, 2, 1],
      frames: 3,
      frameTimesS: [0, 1.5, 3],
    });
    expect(volume.frames).toBe(3);
    expect(volume.frameTimesS).toEqual([0, 1.5, 3]);
  });

  it('refuses bad input, naming the field', () => {
    expect(() => createVolume({ data: new Int16Array(23), dims: [2, 3, 4] })).toThrow(
      /data has 23 voxels but dims 2×3×4 × 1 frame\(s\) need 24/,
    );
    expect(() => createVolume({ data: new Int16Array(24), dims: [2, 3, 4], spacingMm: [1, 0, 1] })).toThrow(
      /spacingMm\[1\] must be greater than 0/,
    );
    expect(() =>
      createVolume({ data: new Int16Array(24), dims: [2, 3, 4], direction: [1, 0, 0, 0, 2, 0, 0, 0, 1] }),
    ).toThrow(/direction\[3..5\] \(axis y\) must be a unit vector/);
    expect(() =>
      createVolume({ data: new Int16Array(24), dims: [2, 3, 4], direction: [1, 0, 0, 1, 0, 0, 0, 0, 1] }),
    ).toThrow(/direction rows must be independent/);
    expect(() => createVolume({ data: new Int16Array(0), dims: [0, 3, 4] })).toThrow(
      /dims\[0\] must be greater than 0/,
    );
    expect(() =>
      createVolume({ data: new Int16Array(48), dims: [2, 3, 4], frames: 2, frameTimesS: [0] }),
    ).toThrow(/frameTimesS has 1 times but the volume has 2 frame/);
  });
});

describe('voxel and world coordinates', () => {
  // x axis along LPS (cos 30°, sin 30°, 0), y axis along (−sin 30°, cos 30°, 0), z along +S; spacing
  // 0.5, 0.5, 2 mm; origin (10, −20, 30). Voxel (2, 4, 3): x 10 + 2·0.5·0.8660 − 4·0.5·0.5 = 9.8660,
  // y −20 + 2·0.5·0.5 + 4·0.5·0.8660 = −17.7679, z 30 + 3·2 = 36.
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  const volume = createVolume({
    data: new Int16Array(8 * 8 * 8),
    dims: [8, 8, 8],
    spacingMm: [0.5, 0.5, 2],
    originMm: [10, -20, 30],
    direction: [c, s, 0, -s, c, 0, 0, 0, 1],
  });

  it('places a voxel centre in LPS mm from the origin, spacing and direction', () => {
    const [x, y, z] = voxelToWorldMm(volume, [2, 4, 3]);
    expect(x).toBeCloseTo(9.866, 3);
    expect(y).toBeCloseTo(-17.7679, 3);
    expect(z).toBeCloseTo(36, 9);
  });

  it('inverts back to the voxel indices', () => {
    const [i, j, k] = worldToVoxel(volume, [9.866025, -17.767949, 36]);
    expect(i).toBeCloseTo(2, 5);
    expect(j).toBeCloseTo(4, 5);
    expect(k).toBeCloseTo(3, 5);
  });
});

describe('sameGrid', () => {
  const base = { data: new Uint8Array(8), dims: [2, 2, 2] as const, spacingMm: [0.7, 0.7, 1.25] as const };
  const a = createVolume(base);

  it('accepts differences within 1e-3 mm and refuses larger ones, saying what differs', () => {
    expect(sameGrid(a, createVolume({ ...base, originMm: [0.0005, 0, 0] }))).toBe(true);
    expect(gridMismatch(a, createVolume({ ...base, originMm: [0.01, 0, 0] }))).toMatch(
      /origin 0, 0, 0 mm and 0.01, 0, 0 mm differ/,
    );
    expect(gridMismatch(a, createVolume({ ...base, data: new Uint8Array(12), dims: [2, 2, 3] }))).toMatch(
      /dimensions 2×2×2 and 2×2×3 differ/,
    );
    expect(sameGrid(a, createVolume({ ...base, spacingMm: [0.7, 0.7, 1.5] }))).toBe(false);
  });

  it('names the mask file when a mask is not on the CT grid', () => {
    const mask = createVolume({ ...base, spacingMm: [0.8, 0.7, 1.25] });
    expect(() => {
      assertSameGrid(a, mask, 'labels.nii.gz');
    }).toThrow(VolumeReadError);
    expect(() => {
      assertSameGrid(a, mask, 'labels.nii.gz');
    }).toThrow(/^labels.nii.gz: not on the CT's voxel grid: spacing/);
  });
});
