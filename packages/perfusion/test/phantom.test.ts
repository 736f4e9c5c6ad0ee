import { describe, expect, it } from 'vitest';
import {
  defaultPerfusionConstants,
  gammaVariateAreaDeltaHuS,
  makeDigitalPhantom,
  type DigitalPhantom,
  type ResidueShape,
} from '../src/index.ts';

const { haematocritFactor: kH, tissueDensityGPerMl: rho } = defaultPerfusionConstants;
const noiseless = makeDigitalPhantom();
const spatialVoxels = (p: DigitalPhantom): number => p.ct.dims[0] * p.ct.dims[1] * p.ct.dims[2];

/** ΔHU curve of voxel v (HU minus its first frame, which is before the contrast arrives). */
function deltaCurve(p: DigitalPhantom, v: number): Float64Array {
  const n = spatialVoxels(p);
  const first = p.ct.data[v] ?? 0;
  return Float64Array.from({ length: p.ct.frames }, (_, t) => (p.ct.data[v + n * t] ?? 0) - first);
}

/** Mean ΔHU curve over the voxels of a mask. */
function maskCurve(p: DigitalPhantom, mask: Uint8Array): Float64Array {
  const sum = new Float64Array(p.ct.frames);
  let count = 0;
  mask.forEach((m, v) => {
    if (m === 0) return;
    count++;
    deltaCurve(p, v).forEach((d, t) => (sum[t] = (sum[t] ?? 0) + d));
  });
  return sum.map((s) => s / count);
}

/** Byte-for-byte equality of two typed arrays (fast on millions of voxels). */
function sameBytes(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

function trapezoid(values: ArrayLike<number>, stepS: number): number {
  let sum = 0;
  for (let i = 1; i < values.length; i++) sum += ((values[i - 1] ?? 0) + (values[i] ?? 0)) / 2;
  return sum * stepS;
}

/** Time of the peak and full width at half maximum (linear interpolation between frames), on a 1 s grid. */
function peakShape(curve: Float64Array): { peak: number; peakS: number; fwhmS: number } {
  let peakIndex = 0;
  curve.forEach((c, i) => {
    if (c > (curve[peakIndex] ?? 0)) peakIndex = i;
  });
  const peak = curve[peakIndex] ?? 0;
  const half = peak / 2;
  let left = peakIndex;
  while (left > 0 && (curve[left - 1] ?? 0) >= half) left--;
  let right = peakIndex;
  while (right < curve.length - 1 && (curve[right + 1] ?? 0) >= half) right++;
  const cross = (a: number, b: number): number => {
    const ya = curve[a] ?? 0;
    const yb = curve[b] ?? 0;
    return a + ((half - ya) / (yb - ya)) * (b - a);
  };
  return { peak, peakS: peakIndex, fwhmS: cross(right, right + 1) - cross(left, left - 1) };
}

describe('makeDigitalPhantom: design and truth', () => {
  it('has Kudo’s 5 sections × 7 × 7 tiles spanning CBF 2.5–87.5, CBV 1–5, MTT 3.4–24 s, delay 0–3 s', () => {
    const { tiles } = noiseless;
    expect(tiles).toHaveLength(245);
    const range = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];
    expect(range(tiles.map((t) => t.cbfMl100gMin))).toEqual([2.5, 87.5]);
    expect(range(tiles.map((t) => t.cbvMl100g))).toEqual([1, 5]);
    const [mttMin, mttMax] = range(tiles.map((t) => t.mttS));
    expect(mttMin).toBeCloseTo(24 / 7, 10); // 3.43 s
    expect(mttMax).toBeCloseTo(24, 10);
    expect(new Set(tiles.map((t) => t.delayS))).toEqual(new Set([0, 0.5, 1, 1.5, 2, 2.5, 3]));
  });

  it('CBV = CBF · MTT / 60 for every tile, and Tmax truth = delay', () => {
    for (const tile of noiseless.tiles) {
      expect((tile.cbfMl100gMin * tile.mttS) / 60).toBeCloseTo(tile.cbvMl100g, 10);
      expect(tile.tmaxS).toBe(tile.delayS);
    }
  });

  it('truth maps hold each tile’s values in its voxels and 0 outside the tiles (float32)', () => {
    const { truth, tiles, tissueMask } = noiseless;
    let tileVoxels = 0;
    for (const tile of tiles) {
      tileVoxels += tile.voxels.length;
      for (const v of tile.voxels) {
        expect(truth.cbfMl100gMin.data[v]).toBe(Math.fround(tile.cbfMl100gMin));
        expect(truth.cbvMl100g.data[v]).toBe(Math.fround(tile.cbvMl100g));
        expect(truth.mttS.data[v]).toBe(Math.fround(tile.mttS));
        expect(truth.delayS.data[v]).toBe(Math.fround(tile.delayS));
        expect(truth.tmaxS.data[v]).toBe(Math.fround(tile.tmaxS));
        expect(tissueMask.data[v]).toBe(1);
      }
    }
    expect(tileVoxels).toBe(245 * 64);
    expect(tissueMask.data.reduce((a, b) => a + b, 0)).toBe(tileVoxels);
    truth.cbvMl100g.data.forEach((value, v) => {
      if (tissueMask.data[v] === 0) expect(value).toBe(0);
    });
    expect(truth.mttS.dims).toEqual(noiseless.ct.dims);
    expect(truth.mttS.frames).toBe(1);
  });

  it('is a 4-D volume of 60 frames at 1 s by default, with the frame times on the volume', () => {
    const { ct, frameTimesS } = noiseless;
    expect(ct.frames).toBe(60);
    expect(frameTimesS).toEqual(Array.from({ length: 60 }, (_, t) => t));
    expect(ct.frameTimesS).toEqual(frameTimesS);
    expect(ct.data).toHaveLength(spatialVoxels(noiseless) * 60);
    const custom = makeDigitalPhantom({ frameIntervalS: 1.5, frameCount: 10, tileSizeVoxels: 2 });
    expect(custom.ct.frameTimesS?.[9]).toBeCloseTo(13.5, 12);
    expect(custom.tiles[0]?.voxels).toHaveLength(4);
  });

  it('masks are disjoint; the arterial region is small, the venous larger; background is air, skull or CSF', () => {
    const { tissueMask, arterialMask, venousMask, ct, baselineHu } = noiseless;
    const count = (m: Uint8Array): number => m.reduce((a, b) => a + b, 0);
    for (let v = 0; v < spatialVoxels(noiseless); v++) {
      const inMasks = (tissueMask.data[v] ?? 0) + (arterialMask.data[v] ?? 0) + (venousMask.data[v] ?? 0);
      expect(inMasks).toBeLessThanOrEqual(1);
      if (inMasks === 0) expect([baselineHu.air, baselineHu.skull, baselineHu.csf]).toContain(ct.data[v]);
    }
    // 2×2 arterial and 4×4 venous voxels per slice, 5 slices.
    expect(count(arterialMask.data)).toBe(20);
    expect(count(venousMask.data)).toBe(80);
    expect(baselineHu).toEqual({ tissue: 35, artery: 40, vein: 40, csf: 8, skull: 1000, air: -1000 });
    // The corner voxel is air, a voxel 2 in from the edge on the middle row is skull.
    expect(ct.data[0]).toBe(-1000);
    expect(ct.data[2 + ct.dims[0] * 30]).toBe(1000);
  });

  it('baselineHu may be overridden per material', () => {
    const p = makeDigitalPhantom({ baselineHu: { tissue: 30 }, frameCount: 5, tileSizeVoxels: 1 });
    const v = p.tiles[0]?.voxels[0] ?? -1;
    expect(p.ct.data[v]).toBe(30); // frame 0 is before the AIF arrives at 5 s
    expect(p.baselineHu.artery).toBe(40);
  });
});

describe('makeDigitalPhantom: curves', () => {
  it.each(['box', 'exp', 'gamma'] as ResidueShape[])(
    '%s: every noiseless tile curve’s area is (ρ/kH)·F·MTT·∫Ca, i.e. CBV = 100·(kH/ρ)·∫Ct/∫Ca (within 0.5%)',
    (residue) => {
      // 120 frames at 2.5 s (300 s) so the slowest tile (MTT 24 s, delay 3 s) has washed out: the exp tail
      // after 300 s is e^-11.6 of its area. ∫Ca is the true AIF's exact area (the AIF itself is too narrow to
      // integrate from 2.5 s samples: 0.5% off); the tissue curves are smoother and their trapezoid areas
      // are within 0.1% (measured), so 0.5% is a bound that still catches any wrong constant or scale.
      const p = makeDigitalPhantom({ residue, frameIntervalS: 2.5, frameCount: 120, tileSizeVoxels: 1 });
      const aifArea = gammaVariateAreaDeltaHuS(p.aifParams);
      for (const tile of p.tiles) {
        const area = trapezoid(deltaCurve(p, tile.voxels[0] ?? -1), 2.5);
        const expected = (rho / kH) * (tile.cbfMl100gMin / 6000) * tile.mttS * aifArea;
        expect(Math.abs(area / expected - 1)).toBeLessThan(0.005);
        // The same statement as CBV: 100 · (0.73 / 1.04) · ∫Ct / ∫Ca.
        expect(Math.abs((100 * (kH / rho) * area) / aifArea / tile.cbvMl100g - 1)).toBeLessThan(0.005);
      }
    },
  );

  it('the first frames (before the AIF arrives at 5 s) are the baseline in every voxel', () => {
    const n = spatialVoxels(noiseless);
    for (let t = 0; t <= 5; t++) {
      for (let v = 0; v < n; v += 7) expect(noiseless.ct.data[v + n * t]).toBe(noiseless.ct.data[v]);
    }
    // At 6 s the contrast has reached the undelayed tiles.
    expect(noiseless.ct.data[(noiseless.tiles[0]?.voxels[0] ?? -1) + n * 6]).toBeGreaterThan(35);
  });

  it('a delayed tile’s curve is the undelayed one shifted by the delay (rows 0 and 2: 0 s and 1 s)', () => {
    const [first] = noiseless.tiles;
    const delayed = noiseless.tiles[14]; // row 2, column 0 of the first slice: same CBF and MTT, delay 1 s
    expect(delayed?.delayS).toBe(1);
    expect(delayed?.mttS).toBe(first?.mttS);
    const a = deltaCurve(noiseless, first?.voxels[0] ?? -1);
    const b = deltaCurve(noiseless, delayed?.voxels[0] ?? -1);
    for (let t = 0; t + 1 < a.length; t++) expect(b[t + 1]).toBeCloseTo(a[t] ?? Number.NaN, 3);
  });

  it('the arterial curve is earlier, taller and narrower than the venous; the VOF’s area the larger', () => {
    const arterial = maskCurve(noiseless, noiseless.arterialMask.data);
    const venous = maskCurve(noiseless, noiseless.venousMask.data);
    const a = peakShape(arterial);
    const v = peakShape(venous);
    expect(a.peakS).toBeLessThan(v.peakS);
    expect(a.peak).toBeGreaterThan(v.peak);
    expect(a.fwhmS).toBeLessThan(v.fwhmS);
    expect(trapezoid(venous, 1)).toBeGreaterThan(trapezoid(arterial, 1));
    // The regions hold 0.7 × aifDeltaHu and vofDeltaHu (float32 rounding of HU ~ 3e-5).
    arterial.forEach((d, t) => {
      expect(d).toBeCloseTo(0.7 * (noiseless.aifDeltaHu[t] ?? 0), 3);
    });
    venous.forEach((d, t) => {
      expect(d).toBeCloseTo(noiseless.vofDeltaHu[t] ?? 0, 3);
    });
  });

  it('partial-volume correction by the VOF recovers the true AIF: 0.7·AIF × ∫VOF / ∫(0.7·AIF) = AIF', () => {
    const arterial = maskCurve(noiseless, noiseless.arterialMask.data);
    const scale = trapezoid(noiseless.vofDeltaHu, 1) / trapezoid(arterial, 1);
    // ∫VOF = ∫AIF by design, so the scale is 1/0.7 = 1.4286 (to the frame sampling of two smooth curves).
    expect(scale).toBeCloseTo(1 / 0.7, 2);
    expect(noiseless.aifPartialVolumeFactor).toBe(0.7);
  });
});

describe('makeDigitalPhantom: noise', () => {
  const noisy = makeDigitalPhantom({ noiseHu: 2 });

  it('with noiseHu 2 the SD of (noisy − noiseless) over the tissue is 2 HU within 5%', () => {
    // 245 tiles × 64 voxels × 60 frames = 940 800 differences: the SE of the SD is about 2/√(2n) = 0.0015 HU.
    const n = spatialVoxels(noisy);
    let count = 0;
    let sum = 0;
    let sumSquares = 0;
    noisy.tissueMask.data.forEach((m, v) => {
      if (m === 0) return;
      for (let t = 0; t < noisy.ct.frames; t++) {
        const d = (noisy.ct.data[v + n * t] ?? 0) - (noiseless.ct.data[v + n * t] ?? 0);
        count++;
        sum += d;
        sumSquares += d * d;
      }
    });
    const mean = sum / count;
    const sd = Math.sqrt(sumSquares / count - mean * mean);
    expect(Math.abs(sd / 2 - 1)).toBeLessThan(0.05);
    expect(Math.abs(mean)).toBeLessThan(0.01);
  });

  it('the same seed gives identical volumes, another seed a different one', () => {
    const again = makeDigitalPhantom({ noiseHu: 2 });
    const other = makeDigitalPhantom({ noiseHu: 2, seed: 2 });
    expect(sameBytes(again.ct.data, noisy.ct.data)).toBe(true);
    expect(sameBytes(other.ct.data, noisy.ct.data)).toBe(false);
    // The truth does not depend on the noise.
    expect(sameBytes(other.truth.cbfMl100gMin.data, noiseless.truth.cbfMl100gMin.data)).toBe(true);
  });
});

describe('makeDigitalPhantom: options', () => {
  it.each([
    [{ noiseHu: -1 }, /options\.noiseHu/],
    [{ noiseHu: Number.NaN }, /options\.noiseHu/],
    [{ residue: 'triangle' as ResidueShape }, /options\.residue/],
    [{ seed: 0.5 }, /options\.seed/],
    [{ frameIntervalS: 0 }, /options\.frameIntervalS/],
    [{ frameCount: 2 }, /options\.frameCount/],
    [{ tileSizeVoxels: 1.5 }, /options\.tileSizeVoxels/],
    [{ baselineHu: { tissue: Number.POSITIVE_INFINITY } }, /options\.baselineHu\.tissue/],
  ])('refuses %o naming the field', (options, message) => {
    expect(() => makeDigitalPhantom(options)).toThrow(message);
  });
});
