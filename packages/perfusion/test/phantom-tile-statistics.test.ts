import { describe, expect, it } from 'vitest';
import { leastSquaresSlope, makeDigitalPhantom, pearsonR, tileMedians } from '../src/index.ts';

describe('tileMedians', () => {
  it('takes the median over each tile’s voxels (odd and even counts)', () => {
    const values = [5, 1, 3, 100, 7, 2, 4, 9];
    const tiles = [{ voxels: Int32Array.of(0, 1, 2) }, { voxels: Int32Array.of(4, 5, 6, 7) }];
    // {5, 1, 3} → 3; {7, 2, 4, 9} → (4 + 7) / 2 = 5.5.
    expect(Array.from(tileMedians(values, tiles))).toEqual([3, 5.5]);
  });

  it('gives the truth back on the phantom’s own truth map', () => {
    const phantom = makeDigitalPhantom({ frameCount: 5, tileSizeVoxels: 2 });
    const medians = tileMedians(phantom.truth.cbfMl100gMin.data, phantom.tiles);
    phantom.tiles.forEach((tile, i) => {
      expect(medians[i]).toBeCloseTo(tile.cbfMl100gMin, 5); // float32 storage of e.g. 87.5 is exact, 2.5 too
    });
  });

  it('refuses a voxel outside the values', () => {
    expect(() => tileMedians([1, 2], [{ voxels: Int32Array.of(5) }])).toThrow(/voxel 5/);
  });
});

describe('pearsonR and leastSquaresSlope', () => {
  it('r = 1 and the slope exactly for a line, r = −1 for a falling line', () => {
    const x = [0, 0.5, 1, 1.5, 2, 2.5, 3];
    expect(
      pearsonR(
        x,
        x.map((d) => 2 * d + 1),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      pearsonR(
        x,
        x.map((d) => -d),
      ),
    ).toBeCloseTo(-1, 12);
    expect(
      leastSquaresSlope(
        x,
        x.map((d) => 0.04 * d - 0.1),
      ),
    ).toBeCloseTo(0.04, 12);
  });

  it('matches a worked example', () => {
    // x = 1, 2, 3, 4; y = 2, 1, 4, 3: means 2.5 and 2.5; Sxx = 5, Syy = 5, Sxy = (−1.5)(−0.5) + (−0.5)(−1.5)
    // + (0.5)(1.5) + (1.5)(0.5) = 3; r = 3/5 = 0.6, slope = 3/5 = 0.6.
    expect(pearsonR([1, 2, 3, 4], [2, 1, 4, 3])).toBeCloseTo(0.6, 12);
    expect(leastSquaresSlope([1, 2, 3, 4], [2, 1, 4, 3])).toBeCloseTo(0.6, 12);
  });

  it('is NaN without spread and refuses unequal or too short inputs', () => {
    expect(pearsonR([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(leastSquaresSlope([2, 2], [1, 3])).toBeNaN();
    expect(() => pearsonR([1, 2], [1])).toThrow(/y has 1/);
    expect(() => leastSquaresSlope([1], [1])).toThrow(/at least 2/);
  });
});
