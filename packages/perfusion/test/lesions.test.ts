import { describe, expect, it } from 'vitest';
import type { Triple } from '@quantrad/imaging';
import {
  HEMISPHERE,
  lesionThresholds,
  lesionVolumes,
  parseLesionThresholds,
  removeSmallComponents,
  splitHemispheres,
  type LesionThresholds,
} from '../src/index.ts';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];
/** The same axial grid with the voxel x axis pointing to the patient's right (−x in LPS). */
const X_FLIPPED = [-1, 0, 0, 0, 1, 0, 0, 0, 1];
const { right: R, left: L, outside: O } = HEMISPHERE;

describe('splitHemispheres', () => {
  it('splits each slice at the middle of its brain extent along patient x (LPS: +x is left)', () => {
    // Slice 0: brain at i = 0..5 (x 0..5 mm), mid-plane 2.5 mm: i 0–2 right, i 3–5 left.
    // Slice 1: brain at i = 1..3 only, mid-plane 2 mm: i = 1 right, i = 2 on the plane (neither), i = 3 left.
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0]);
    const labels = splitHemispheres([6, 1, 2], [1, 1, 5], IDENTITY, mask);
    expect(Array.from(labels)).toEqual([R, R, R, L, L, L, O, R, O, L, O, O]);
  });

  it('swaps the sides when the voxel x axis points the other way', () => {
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0]);
    const labels = splitHemispheres([6, 1, 2], [1, 1, 5], X_FLIPPED, mask);
    expect(Array.from(labels)).toEqual([L, L, L, R, R, R, O, L, O, R, O, O]);
  });

  it('follows patient x when it runs along the voxel rows (j) and with anisotropic spacing', () => {
    // Voxel axis i is patient y, j is patient x (spacing 2 mm). 2×4 grid, all brain: x = 0, 2, 4, 6 mm, mid 3.
    const transposed = [0, 1, 0, 1, 0, 0, 0, 0, 1];
    const labels = splitHemispheres([2, 4, 1], [0.5, 2, 5], transposed, new Uint8Array(8).fill(1));
    expect(Array.from(labels)).toEqual([R, R, R, R, L, L, L, L]);
  });

  it('refuses sagittal slices, a mask of the wrong size and a bad spacing, naming the field', () => {
    const sagittal = [0, 1, 0, 0, 0, 1, 1, 0, 0];
    expect(() => splitHemispheres([2, 2, 2], [1, 1, 1], sagittal, new Uint8Array(8))).toThrow(/direction/);
    expect(() => splitHemispheres([2, 2, 2], [1, 1, 1], IDENTITY, new Uint8Array(7))).toThrow(/brainMask/);
    expect(() => splitHemispheres([2, 2, 2], [1, 0, 1], IDENTITY, new Uint8Array(8))).toThrow(
      /spacingMm\[1\]/,
    );
  });
});

describe('removeSmallComponents', () => {
  it('removes 6-connected components below the size and keeps larger ones, across slices', () => {
    // 3×3×2. Slice 0: an L of 3 voxels (0, 1, 4) and a lone corner voxel 8 (touches 4 only diagonally).
    // Voxel 2 of slice 0 touches 1 in-plane, and voxel 11 (= 2 + 9) sits above it in slice 1.
    const mask = new Uint8Array(18);
    for (const v of [0, 1, 4, 8, 2, 11]) mask[v] = 1;
    // Components: {0, 1, 4, 2, 11} (2 touches 1 in-plane, 11 is above 2) = 5 voxels, and {8} = 1 voxel.
    const cleared = removeSmallComponents(mask, [3, 3, 2], 2);
    expect(cleared).toBe(1);
    expect(mask[8]).toBe(0);
    expect([0, 1, 2, 4, 11].map((v) => mask[v])).toEqual([1, 1, 1, 1, 1]);
    expect(removeSmallComponents(mask, [3, 3, 2], 6)).toBe(5);
    expect(mask.every((m) => m === 0)).toBe(true);
  });
});

/**
 * An 8×2×1 grid, 0.5 mL voxels, identity direction: i = 0..3 right (x < 3.5 mm), i = 4..7 left.
 *            right (i 0..3)                 left (i 4..7)
 * j = 0 CBF  10    14.9  15    30           40  45  50  50
 *       Tmax 12    11    9     6            2   2   7   2
 * j = 1 CBF  5     20    40    1 (no tissue) 50  50  55  68
 *       Tmax 4     10    8     20           2   2   2   2
 */
function handWorkedStudy(direction: readonly number[] = IDENTITY): {
  cbfMl100gMin: Float32Array;
  tmaxS: Float32Array;
  tissueMask: Uint8Array;
  hemispheres: Uint8Array;
  voxelVolumeMl: number;
  dims: Triple;
} {
  const dims: Triple = [8, 2, 1];
  const cbfMl100gMin = Float32Array.from([10, 14.9, 15, 30, 40, 45, 50, 50, 5, 20, 40, 1, 50, 50, 55, 68]);
  const tmaxS = Float32Array.from([12, 11, 9, 6, 2, 2, 7, 2, 4, 10, 8, 20, 2, 2, 2, 2]);
  const tissueMask = new Uint8Array(16).fill(1);
  tissueMask[11] = 0;
  // The split uses the brain (tissue plus the excluded vessel voxel), as the pipeline would.
  const hemispheres = splitHemispheres(dims, [1, 1, 5], direction, new Uint8Array(16).fill(1));
  return { cbfMl100gMin, tmaxS, tissueMask, hemispheres, voxelVolumeMl: 0.5, dims };
}

const withCore = (core: Partial<LesionThresholds['core']>): LesionThresholds =>
  parseLesionThresholds({ ...lesionThresholds, core: { ...lesionThresholds.core, ...core } });

describe('lesionVolumes', () => {
  it('counts core, hypoperfusion, mismatch and HIR on a hand-worked grid', () => {
    // Tmax > 6 s in tissue: right 12, 11, 9, 10, 8 (6 s itself and the non-tissue 20 s excluded) = 5 voxels,
    // left 7 s = 1 voxel → the right side is affected, the left is the reference.
    // Left CBF sorted 40 45 50 50 50 50 55 68 → median 50; core below 0.3·50 = 15: 10, 14.9, 5 (15 itself not,
    // the non-tissue 1 not) = 3 voxels = 1.5 mL. Hypoperfusion 6 voxels = 3 mL; mismatch 1.5 mL, ratio 2.
    // Tmax > 10 s: 12 and 11 (10 itself not) = 2 voxels = 1 mL; HIR = 2/6.
    const result = lesionVolumes(handWorkedStudy());
    expect(result.affectedSide).toBe('right');
    expect(result.referenceCbfMl100gMin).toBe(50);
    expect(result.referenceVoxelCount).toBe(8);
    expect(result.coreMl).toBe(1.5);
    expect(Array.from(result.coreMask)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.hypoperfusionMl).toBe(3);
    expect(Array.from(result.hypoperfusionMask)).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(result.hypoperfusionMlBySide).toEqual({ right: 2.5, left: 0.5 });
    expect(result.mismatchMl).toBe(1.5);
    expect(result.mismatchRatio).toBe(2);
    expect(result.tmax10Ml).toBe(1);
    expect(result.hypoperfusionIntensityRatio).toBeCloseTo(1 / 3, 12);
    expect(result.speckVoxelsRemoved).toBe(0);
  });

  it('gives the same volumes with the affected side reported left when the direction is flipped', () => {
    const flipped = lesionVolumes(handWorkedStudy(X_FLIPPED));
    expect(flipped.affectedSide).toBe('left');
    expect(flipped.hypoperfusionMlBySide).toEqual({ right: 0.5, left: 2.5 });
    expect([flipped.coreMl, flipped.hypoperfusionMl, flipped.referenceCbfMl100gMin]).toEqual([1.5, 3, 50]);
  });

  it('uses the mean when asked, and can restrict the core to hypoperfused tissue', () => {
    // Mean of the left CBF = 408/8 = 51 → core below 15.3: 10, 14.9, 15, 5 = 4 voxels = 2 mL.
    const mean = lesionVolumes(handWorkedStudy(), withCore({ referenceStatistic: 'mean' }));
    expect(mean.referenceCbfMl100gMin).toBe(51);
    expect(mean.coreMl).toBe(2);
    // Within Tmax > 6 s only: 10 (12 s) and 14.9 (11 s); 5 has Tmax 4 s → 2 voxels = 1 mL, ratio 3.
    const within = lesionVolumes(handWorkedStudy(), withCore({ withinHypoperfusion: true }));
    expect(within.coreMl).toBe(1);
    expect(within.mismatchRatio).toBe(3);
  });

  it('takes both hemispheres as reference when neither is hypoperfused, and keeps ratios finite', () => {
    // All CBF 50 except one voxel at 10, all Tmax 2 s: no hypoperfusion, core = the 10 (< 0.3·50).
    const study = handWorkedStudy();
    study.tmaxS.fill(2);
    study.cbfMl100gMin.fill(50);
    study.cbfMl100gMin[0] = 10;
    const result = lesionVolumes(study);
    expect(result.affectedSide).toBe('none');
    expect(result.referenceVoxelCount).toBe(15);
    expect(result.referenceCbfMl100gMin).toBe(50);
    expect(result.coreMl).toBe(0.5);
    expect(result.hypoperfusionMl).toBe(0);
    expect(result.mismatchRatio).toBe(0);
    expect(result.hypoperfusionIntensityRatio).toBe(0);
  });

  it('reports an infinite mismatch ratio for hypoperfusion without core', () => {
    const study = handWorkedStudy();
    study.cbfMl100gMin.fill(50);
    const result = lesionVolumes(study);
    expect(result.coreMl).toBe(0);
    expect(result.hypoperfusionMl).toBe(3);
    expect(result.mismatchRatio).toBe(Infinity);
  });

  it('removes isolated specks smaller than specks.minComponentMl', () => {
    // 5×5×1, 0.5 mL voxels, minComponentMl 1.5 → components under 3 voxels go. Tmax > 6 s in a 2×2 block
    // (voxels 0, 1, 5, 6) and a lone voxel 24: the block stays (2 mL), the speck goes.
    const dims: Triple = [5, 5, 1];
    const tmaxS = new Float32Array(25).fill(2);
    for (const v of [0, 1, 5, 6, 24]) tmaxS[v] = 8;
    const thresholds = parseLesionThresholds({
      ...lesionThresholds,
      specks: { ...lesionThresholds.specks, minComponentMl: 1.5 },
    });
    const input = {
      cbfMl100gMin: new Float32Array(25).fill(50),
      tmaxS,
      tissueMask: new Uint8Array(25).fill(1),
      hemispheres: splitHemispheres(dims, [1, 1, 5], IDENTITY, new Uint8Array(25).fill(1)),
      voxelVolumeMl: 0.5,
    };
    const result = lesionVolumes({ ...input, dims }, thresholds);
    expect(result.hypoperfusionMl).toBe(2);
    expect(result.speckVoxelsRemoved).toBe(1);
    expect(result.hypoperfusionMask[24]).toBe(0);
    expect(() => lesionVolumes(input, thresholds)).toThrow(/dims is required/);
  });

  it('refuses unusable input, naming the field', () => {
    const study = handWorkedStudy();
    expect(() => lesionVolumes({ ...study, tmaxS: new Float32Array(3) })).toThrow(/tmaxS has 3 voxels/);
    expect(() => lesionVolumes({ ...study, voxelVolumeMl: 0 })).toThrow(/voxelVolumeMl/);
    const nan = handWorkedStudy();
    nan.cbfMl100gMin[4] = NaN;
    expect(() => lesionVolumes(nan)).toThrow(/cbfMl100gMin\[4\]/);
    // Right side affected but no tissue on the left: no reference.
    const noLeft = handWorkedStudy();
    for (let v = 0; v < 16; v++) if (noLeft.hemispheres[v] === L) noLeft.tissueMask[v] = 0;
    expect(() => lesionVolumes(noLeft)).toThrow(/no tissue voxels in the reference hemisphere/);
    const zero = handWorkedStudy();
    zero.cbfMl100gMin.fill(0);
    expect(() => lesionVolumes(zero)).toThrow(/reference CBF .* must be positive/);
    expect(() =>
      parseLesionThresholds({
        ...lesionThresholds,
        core: { ...lesionThresholds.core, relativeCbfBelow: 30 },
      }),
    ).toThrow(/core\.relativeCbfBelow/);
  });
});
