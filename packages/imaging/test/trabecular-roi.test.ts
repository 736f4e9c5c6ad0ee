import { describe, expect, it } from 'vitest';
import {
  VolumeReadError,
  createVolume,
  defaultTrabecularRoiRules,
  placeTrabecularRoi,
  regionStatistics,
  type Volume,
} from '../src/index.ts';

// A synthetic vertebral body on a 64 × 64 × 24 grid, 0.75 × 0.75 × 1.5 mm voxels: an elliptic cylinder
// centred on (32, 30) with semi-axes 20 voxels (15 mm) left-right and 15 voxels (11.25 mm)
// anteroposterior, on slices 2 to 21. Cortex 400 HU: the outer 2 voxels (1.5 mm) of each section and the
// end plates (slices 2, 3, 20, 21). Basivertebral vein 40 HU: within 3 voxels of the midline from 6
// voxels behind the centre to the posterior cortex. Trabecular bone 150 HU; outside −100 HU.
const NX = 64;
const NY = 64;
const NZ = 24;
const SPACING = [0.75, 0.75, 1.5] as const;
const CX = 32;
const CY = 30;
const AX = 20;
const AY = 15;
const LABEL = 7;

interface Phantom {
  ct: Volume;
  mask: Volume;
  isVein: (i: number, j: number) => boolean;
}

/** posteriorSign +1: increasing j is posterior (LPS +y); −1: the y axis points anterior. */
function vertebra(posteriorSign: 1 | -1, semiAxes: readonly [number, number] = [AX, AY]): Phantom {
  const [ax, ay] = semiAxes;
  const hu = new Int16Array(NX * NY * NZ).fill(-100);
  const labels = new Uint8Array(NX * NY * NZ);
  const inside = (i: number, j: number, a: number, b: number): boolean =>
    ((i - CX) / a) ** 2 + ((j - CY) / b) ** 2 <= 1;
  const isVein = (i: number, j: number): boolean =>
    Math.abs(i - CX) <= 3 && posteriorSign * (j - CY) >= 6 && inside(i, j, ax - 2, ay - 2);
  for (let k = 2; k <= 21; k++) {
    for (let j = 0; j < NY; j++) {
      for (let i = 0; i < NX; i++) {
        if (!inside(i, j, ax, ay)) continue;
        const n = i + NX * (j + NY * k);
        labels[n] = LABEL;
        const cortex = !inside(i, j, ax - 2, ay - 2) || k <= 3 || k >= 20;
        hu[n] = cortex ? 400 : isVein(i, j) ? 40 : 150;
      }
    }
  }
  const direction = [1, 0, 0, 0, posteriorSign, 0, 0, 0, posteriorSign];
  const geometry = {
    dims: [NX, NY, NZ] as const,
    spacingMm: SPACING,
    originMm: [-24, -20, 100] as const,
    direction,
  };
  return {
    ct: createVolume({ data: hu, ...geometry }),
    mask: createVolume({ data: labels, ...geometry }),
    isVein,
  };
}

/** In-plane distance (mm) from a voxel centre to the nearest voxel centre outside the body label. */
function distanceToOutsideMm(mask: Volume, index: number): number {
  const i = index % NX;
  const j = Math.floor(index / NX) % NY;
  const k = Math.floor(index / (NX * NY));
  let best = Infinity;
  for (let jj = 0; jj < NY; jj++) {
    for (let ii = 0; ii < NX; ii++) {
      if (mask.data[ii + NX * (jj + NY * k)] === LABEL) continue;
      best = Math.min(best, Math.hypot((ii - i) * SPACING[0], (jj - j) * SPACING[1]));
    }
  }
  return best;
}

describe('placeTrabecularRoi', () => {
  for (const posteriorSign of [1, -1] as const) {
    describe(`with the y axis pointing ${posteriorSign > 0 ? 'posterior' : 'anterior'}`, () => {
      const { ct, mask, isVein } = vertebra(posteriorSign);
      const roi = placeTrabecularRoi(ct, mask, LABEL);

      it('measures the trabecular value only: mean 150 HU, no cortex, no vein', () => {
        const stats = regionStatistics(ct, roi.voxels);
        expect(stats.meanHu).toBe(150);
        expect(stats.minHu).toBe(150);
        expect(stats.maxHu).toBe(150);
        // Not a token region: radii at least the 3 mm minimum, hundreds of voxels.
        expect(roi.radii[0] * SPACING[0]).toBeGreaterThanOrEqual(3);
        expect(roi.radii[1] * SPACING[1]).toBeGreaterThanOrEqual(3);
        expect(roi.voxels.length).toBeGreaterThan(1000);
      });

      it('uses the central half of the body: slices 7 to 16 of 2 to 21', () => {
        // 20 slices, half is 10, starting (20 − 10)/2 = 5 after slice 2.
        expect(roi.slices).toEqual([7, 16]);
        for (const n of roi.voxels) {
          const k = Math.floor(n / (NX * NY));
          expect(k >= 7 && k <= 16).toBe(true);
        }
      });

      it('stays inside the body and more than the margin away from its edge (the cortex)', () => {
        const margin = defaultTrabecularRoiRules.corticalMarginMm;
        for (const n of roi.voxels) expect(mask.data[n]).toBe(LABEL);
        // Checked on the central slice (the section is the same on every slice of the body).
        const central = roi.voxels.filter((n) => Math.floor(n / (NX * NY)) === 12);
        for (const n of central) expect(distanceToOutsideMm(mask, n)).toBeGreaterThan(margin);
      });

      it('keeps off the posterior vein region and sits anterior to the body centre', () => {
        for (const n of roi.voxels) expect(isVein(n % NX, Math.floor(n / NX) % NY)).toBe(false);
        // Anterior is −j when +j is posterior, and +j when the y axis points anterior.
        expect(posteriorSign * (roi.center[1] - CY)).toBeLessThan(0);
        expect(roi.center[0]).toBeCloseTo(CX, 6);
        expect(roi.description).toMatch(/^label 7: ellipse centred at voxel/);
      });
    });
  }

  it('needs its vein exclusion and cortical margin: without them the ROI reaches 40 HU and 400 HU voxels', () => {
    const { ct, mask } = vertebra(1);
    const noVeinRule = placeTrabecularRoi(ct, mask, LABEL, {
      rules: { posteriorExclusionFractionOfDepth: 0 },
    });
    expect(regionStatistics(ct, noVeinRule.voxels).minHu).toBe(40);
    const noMargin = placeTrabecularRoi(ct, mask, LABEL, {
      rules: { corticalMarginMm: 0, radiusFractionOfInner: 1 },
    });
    expect(regionStatistics(ct, noMargin.voxels).maxHu).toBe(400);
  });

  it('refuses a body too small to hold an ROI, naming the label', () => {
    const { ct, mask } = vertebra(1, [5, 4]);
    expect(() => placeTrabecularRoi(ct, mask, LABEL)).toThrow(
      /label 7: the vertebral body is too small to hold a trabecular ROI/,
    );
  });

  it('refuses slices that are not axial (the slice axis runs anteroposterior)', () => {
    const { ct, mask } = vertebra(1);
    const coronal = [1, 0, 0, 0, 0, 1, 0, 1, 0];
    const turn = (v: Volume): Volume => createVolume({ ...v, direction: coronal });
    expect(() => placeTrabecularRoi(turn(ct), turn(mask), LABEL)).toThrow(
      /label 7: the slices are not axial/,
    );
  });

  it('refuses a label that is not in the mask', () => {
    const { ct, mask } = vertebra(1);
    expect(() => placeTrabecularRoi(ct, mask, 9, { maskName: 'spine.nii.gz' })).toThrow(
      /^spine.nii.gz: label 9: is not in the mask/,
    );
  });

  it('refuses a mask on another grid, naming the mask', () => {
    const { ct, mask } = vertebra(1);
    const shifted = createVolume({ ...mask, originMm: [-24, -20, 101.5] });
    expect(() => placeTrabecularRoi(ct, shifted, LABEL, { maskName: 'spine.nii.gz' })).toThrow(
      VolumeReadError,
    );
  });
});
