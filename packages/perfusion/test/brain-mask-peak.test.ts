import { describe, expect, it } from 'vitest';
import { baselineMeanImage, brainMask, brainRegion, peakImage, preprocessDefaults } from '../src/index.ts';
import { syntheticStudy } from './preprocess-synthetic.ts';

// The peak image made once and extended to an earlier baseline (as runPerfusion's baseline stage does) gives
// the masks the per-call scan gives; checked against the definition: each voxel's Math.max over the frames.
describe('peakImage and brainMask with a shared peak', () => {
  const study = syntheticStudy({ noiseHu: 2, seed: 5 });
  const { ct } = study;
  const perFrame = ct.dims[0] * ct.dims[1] * ct.dims[2];

  /** Math.max of the voxel's values over the frames from `from` on. */
  const definition = (v: number, from: number): number => {
    let peak = -Infinity;
    for (let t = from; t < ct.frames; t++) peak = Math.max(peak, ct.data[v + t * perFrame] ?? 0);
    return peak;
  };

  it('is each voxel’s maximum over the frames from fromFrame on, made whole or from a later peak', () => {
    const later = peakImage(ct, 8);
    const extended = peakImage(ct, 3, later);
    const whole = peakImage(ct, 3);
    expect(extended.fromFrame).toBe(3);
    let differing = 0;
    let beforeEight = 0;
    for (let v = 0; v < perFrame; v++) {
      if (extended.values[v] !== definition(v, 3) || whole.values[v] !== definition(v, 3)) differing++;
      if (definition(v, 3) !== definition(v, 8)) beforeEight++;
    }
    expect(differing).toBe(0);
    // frames 3 to 7 hold some voxels' peaks (noise), so reading them is needed: the test can fail.
    expect(beforeEight).toBeGreaterThan(100);
    // the later peak is left as it was.
    expect(later.values[0]).toBe(definition(0, 8));
  });

  it('gives brainMask the masks it makes alone, for the baseline it was made for only', () => {
    const peak = peakImage(ct, 8);
    for (const baselineCount of [8, 5]) {
      const alone = brainMask(ct, { baselineCount });
      const shared = brainMask(ct, {
        baselineCount,
        peak: baselineCount === 8 ? peak : peakImage(ct, baselineCount, peak),
      });
      expect(shared).toEqual(alone);
      // vessels by the definition: peak over the frames after the baseline − baseline mean > threshold.
      const image = baselineMeanImage(ct, baselineCount);
      let vessels = 0;
      for (let v = 0; v < perFrame; v++) {
        const isVessel =
          alone.brain[v] === 1 &&
          definition(v, baselineCount) - (image[v] ?? 0) > preprocessDefaults.brainMask.vesselPeakDeltaHu;
        if (isVessel) vessels++;
        expect(alone.vessels[v], `voxel ${v}`).toBe(isVessel ? 1 : 0);
      }
      expect(vessels).toBeGreaterThan(0);
    }
    expect(() => brainMask(ct, { baselineCount: 5, peak })).toThrow(/^peak: made from frame 8/);
  });

  it('has brainRegion give brainMask’s brain and its skull, air and CSF counts', () => {
    const mask = brainMask(ct, { baselineCount: 8 });
    const region = brainRegion(baselineMeanImage(ct, 8), ct.dims, preprocessDefaults.brainMask);
    expect(region.brain).toEqual(mask.brain);
    expect(region.counts).toEqual({ skull: mask.counts.skull, air: mask.counts.air, csf: mask.counts.csf });
  });
});
