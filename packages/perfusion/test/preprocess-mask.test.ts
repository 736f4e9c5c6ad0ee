import { describe, expect, it } from 'vitest';
import { brainMask, maskVoxels } from '../src/index.ts';
import { LABEL, NX, NY, syntheticStudy } from './preprocess-synthetic.ts';

function countWhere(labels: Uint8Array, mask: Uint8Array, label: number, value: number): number {
  let n = 0;
  labels.forEach((l, v) => {
    if (l === label && mask[v] === value) n++;
  });
  return n;
}

describe('brainMask', () => {
  // Labels are the truth: skull 1200 HU, air −1000, CSF 8, tissue 35 (peak ΔHU 20), artery and vein 40 HU
  // at baseline with peaks of 400 and 250 HU. Noise 2 HU cannot carry a voxel across any threshold
  // (nearest margin: CSF 8 vs 15 HU = 3.5 SD; a mean of 8 baseline frames has SD 0.7 HU).
  const study = syntheticStudy({ noiseHu: 2, seed: 11 });
  const mask = brainMask(study.ct, { baselineCount: 8 });
  const count = (label: number): number => study.labels.filter((l) => l === label).length;

  it('excludes skull, air and CSF and keeps tissue', () => {
    expect(countWhere(study.labels, mask.brain, LABEL.skull, 1)).toBe(0);
    expect(countWhere(study.labels, mask.brain, LABEL.air, 1)).toBe(0);
    expect(countWhere(study.labels, mask.brain, LABEL.csf, 1)).toBe(0);
    expect(countWhere(study.labels, mask.tissue, LABEL.tissue, 1)).toBe(count(LABEL.tissue));
    expect(mask.counts.skull).toBe(count(LABEL.skull));
    expect(mask.counts.air).toBe(count(LABEL.air));
    expect(mask.counts.csf).toBe(count(LABEL.csf));
    expect(mask.warnings).toEqual([]);
  });

  it('marks arteries and veins as vessels, out of tissue but in brain', () => {
    const vesselCount = count(LABEL.artery) + count(LABEL.vein);
    expect(countWhere(study.labels, mask.vessels, LABEL.artery, 1)).toBe(count(LABEL.artery));
    expect(countWhere(study.labels, mask.vessels, LABEL.vein, 1)).toBe(count(LABEL.vein));
    expect(countWhere(study.labels, mask.tissue, LABEL.artery, 1)).toBe(0);
    expect(mask.counts.vessels).toBe(vesselCount);
    expect(mask.counts.brain).toBe(count(LABEL.tissue) + vesselCount);
    expect(mask.counts.tissue).toBe(count(LABEL.tissue));
    expect(maskVoxels(mask.tissue).length).toBe(count(LABEL.tissue));
  });

  it('drops tissue-like voxels outside the skull (scalp) and warns on a slice with a broken skull', () => {
    // Scalp: a soft-tissue voxel outside the ring on the closed slices must not be brain. The ring's gap on
    // slice 2 lets the border reach inside; that slice falls back to CT number alone, with a warning.
    const open = syntheticStudy({ openSkullSlice: 2 });
    const scalp = 0 + NX * (0 + NY * 1); // voxel (0, 0, 1), air in the study: give it scalp HU
    for (let t = 0; t < open.ct.frames; t++) open.ct.data[scalp + t * NX * NY * 3] = 40;
    const m = brainMask(open.ct, { baselineCount: 8 });
    expect(m.brain[scalp]).toBe(0);
    expect(m.warnings).toEqual(['slice 2: no closed skull found; brain taken by CT number alone']);
    const gapVoxel = 22 + NX * (11 + NY * 2);
    expect(m.brain[gapVoxel]).toBe(1);
  });
});
