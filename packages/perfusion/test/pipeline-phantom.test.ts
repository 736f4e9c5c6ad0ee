import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDigitalPhantom,
  pearsonR,
  runPerfusion,
  tileMedians,
  type DigitalPhantom,
  type PerfusionRun,
  type ResidueShape,
} from '../src/index.ts';

// runPerfusion end to end on the digital phantom (60 frames of 1 s, the default), with the automatic AIF and
// VOF: every expectation comes from the phantom's own truth. The arterial region holds the true AIF ×
// aifPartialVolumeFactor (0.7) and the venous region carries the true AIF's area, so area(VOF)/area(AIF) must
// give back 1 / aifPartialVolumeFactor. The AIF starts at aifParams.t0S (5 s), so the baseline is the frames
// before it (ACR CTP IV.C.2). Mean bias = Σ tile medians / Σ truth − 1, as in phantom-accuracy.test.ts.
//
// Measured (seed 1, and seed 7 in brackets at 2 HU; with or without the motion step alike):
//   residue noise  scale (true 1.429)  CBV bias        CBF bias          CBV r  CBF r
//   exp     0      1.428               −2.4%           −17.9%            0.994  0.994
//   exp     2      1.411 (1.412)       −1.2% (−2.7%)   −19.7% (−20.7%)   0.990  0.986 (0.989  0.983)
//   gamma   0      1.428               −0.9%           −6.3%             0.999  0.997
//   gamma   2      1.411 (1.412)       +0.3% (−1.2%)   −7.0% (−7.9%)     0.995  0.989 (0.995  0.986)
// The 2 HU rows were measured when the VOF was the 8 largest-area curves; it now averages every curve within
// 15% of the largest area (vof.areaToleranceFraction, all 79-80 venous voxels here), and the gamma scale at
// 2 HU reads 1.429 (seed 1) and 1.410 (seed 7). Over seeds 1–20 (gamma, 2 HU) the scale stays within −1.8% to
// +2.5% of the truth (−3.0% to +2.3% with the 8 largest). Before the baseline
// ended at the arterial rise (frames 0–6, the AIF's t = 6 s already at 11% of its peak) the scale was 1.665
// (0 HU) and 1.717 (2 HU), CBF bias −28% (exp) and −19% (gamma) at 0 HU; before the VOF was ranked and
// measured on separate baseline frames its area was 3.4% high on average at 2 HU (the 8 largest-area curves
// partly chosen for their baseline noise), putting the scale over +5% on 2 of those 20 seeds. The CBF bias
// that remains is the engine's own with the true AIF (phantom-accuracy.test.ts: −17.8% exp, −6.3% gamma),
// not asserted here; CBV is a little low because 60 frames cut the 24-s-MTT tiles' washout.

const truthScale = (phantom: DigitalPhantom): number => 1 / phantom.aifPartialVolumeFactor;
const relativeError = (value: number, truth: number): number => value / truth - 1;
const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0);
const inMask = (mask: Uint8Array, voxels: Int32Array): boolean =>
  voxels.length > 0 && Array.from(voxels).every((v) => mask[v] === 1);

interface Case {
  readonly residue: ResidueShape;
  readonly noiseHu: number;
  readonly seed: number;
  readonly skipMotion: boolean;
}

// Every residue and noise level, with the motion step on (estimateMotion on a still phantom must leave it
// alone) and off; a second noise realisation (seed 7). The motion step is the slow part (a few seconds a run),
// so it runs on two of the cases, one per residue and noise level.
const CASES: readonly Case[] = [
  { residue: 'exp', noiseHu: 0, seed: 1, skipMotion: false },
  { residue: 'gamma', noiseHu: 0, seed: 1, skipMotion: true },
  { residue: 'exp', noiseHu: 2, seed: 1, skipMotion: true },
  { residue: 'gamma', noiseHu: 2, seed: 1, skipMotion: false },
  { residue: 'exp', noiseHu: 2, seed: 7, skipMotion: true },
  { residue: 'gamma', noiseHu: 2, seed: 7, skipMotion: true },
];

const label = (c: Case): string =>
  `${c.residue} residue, ${c.noiseHu} HU noise, seed ${c.seed}, ${c.skipMotion ? 'no motion step' : 'motion step'}`;

describe.each(CASES)(
  'runPerfusion on the digital phantom: $residue, $noiseHu HU, seed $seed, skipMotion $skipMotion',
  (c) => {
    let phantom: DigitalPhantom;
    let run: PerfusionRun;
    beforeAll(async () => {
      phantom = makeDigitalPhantom({ residue: c.residue, noiseHu: c.noiseHu, seed: c.seed });
      run = await runPerfusion(phantom.ct, { skipMotion: c.skipMotion });
    }, 120_000);

    it(`ends the baseline before the AIF arrives (${label(c)})`, () => {
      const framesBeforeAif = phantom.frameTimesS.filter((t) => t < phantom.aifParams.t0S).length;
      expect(framesBeforeAif).toBe(5);
      expect(run.baseline.baseline.count).toBe(framesBeforeAif);
      expect(run.baseline.baseline.warning).toBeUndefined();
    });

    it('takes the AIF from the arterial region and the VOF from the venous region', () => {
      expect(run.aif.source).toBe('automatic');
      expect(run.vof.source).toBe('automatic');
      expect(inMask(phantom.arterialMask.data, run.aif.voxels)).toBe(true);
      expect(inMask(phantom.venousMask.data, run.vof.voxels)).toBe(true);
      expect(run.vof.truncated).toBe(false);
    });

    it('scales the AIF by 1 / the arterial partial-volume factor, within 5%', () => {
      expect(Math.abs(relativeError(run.aif.partialVolumeScale, truthScale(phantom)))).toBeLessThanOrEqual(
        0.05,
      );
    });

    it('gives CBV tile medians within 10% mean bias, and CBF and CBV r ≥ 0.95', () => {
      const cbv = tileMedians(run.maps.cbv.data, phantom.tiles);
      const cbf = tileMedians(run.maps.cbf.data, phantom.tiles);
      const cbvTruth = phantom.tiles.map((t) => t.cbvMl100g);
      const cbfTruth = phantom.tiles.map((t) => t.cbfMl100gMin);
      expect(Math.abs(relativeError(sum(cbv), sum(cbvTruth)))).toBeLessThanOrEqual(0.1);
      expect(pearsonR(cbv, cbvTruth)).toBeGreaterThanOrEqual(0.95);
      expect(pearsonR(cbf, cbfTruth)).toBeGreaterThanOrEqual(0.95);
    });
  },
);

// A user's --aif misplaced in tissue: its curve (a tile's, peak well under the 50 HU an arterial candidate
// needs) may not end the study's baseline. Before, detectArrival on the sphere's noisy mean fired at frame 1
// (one baseline frame, SD 0) for tiles 0 and 48 at seed 2 and tile 0 at seed 5 (2 HU noise): a 1-frame
// baseline for every curve. Now the automatic arterial voxels time the arteries: arrival frame 6, baseline
// frames 0–4 as without --aif (measured 5 frames for tiles 0, 24, 48, seeds 1–6, 2 and 5 HU).
describe('runPerfusion with --aif misplaced in tissue', () => {
  it.each([
    [2, 0],
    [2, 48],
    [5, 0],
  ])('keeps the 5-frame baseline of the arteries (seed %s, tile %s)', async (seed, tileIndex) => {
    const phantom = makeDigitalPhantom({ noiseHu: 2, seed });
    const [nx, ny] = phantom.ct.dims;
    const tile = phantom.tiles[tileIndex];
    if (tile === undefined) throw new Error(`no tile ${tileIndex}`);
    const v = tile.voxels[Math.floor(tile.voxels.length / 2)] ?? 0;
    const aifVoxel: [number, number, number] = [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))];
    // The VOF is given too: the automatic one is looked for after the (here meaningless) AIF's peak.
    const w = phantom.venousMask.data.findIndex((x) => x === 1) + 2 + 2 * nx + nx * ny * aifVoxel[2];
    const vofVoxel: [number, number, number] = [w % nx, Math.floor(w / nx) % ny, aifVoxel[2]];
    const run = await runPerfusion(phantom.ct, { skipMotion: true, aifVoxel, vofVoxel });
    expect(run.aif.source).toBe('given');
    expect(run.baseline.arrival.frame).toBe(6);
    expect(run.baseline.baseline.count).toBe(5);
    expect(run.baseline.source).toBe('arteries');
  });
});
