import { describe, expect, it } from 'vitest';
import {
  brainMask,
  concentrationCurves,
  curveAt,
  curveFeatures,
  detectArrival,
  maskVoxels,
  meanCurveHu,
  partialVolumeCorrect,
  selectAif,
  selectVof,
  sphereVoxels,
} from '../src/index.ts';
import { arterialArrival } from '../src/aif/arterial-arrival.ts';
import { LABEL, NX, NY, syntheticStudy, voxelsWithLabel } from './preprocess-synthetic.ts';

// The synthetic study: artery 2×2 voxels × 3 slices (t0 5 s, α 3, β 1 s, peak 400 HU at 8 s), vein 3×3 × 3
// slices (t0 9 s, β 2.5 s, peak 250 HU at 16.5 s), tissue (t0 6.5 s, β 2 s, peak 20 HU), 2 HU noise.
const study = syntheticStudy({ noiseHu: 2, seed: 5 });
const tissue = voxelsWithLabel(study.labels, LABEL.tissue);
// The pipeline's order: a first mask on frame 0, the brain's mean curve, its arrival, then the mask again.
// Arrival of the brain mean (801 voxels, 12 arterial): frame 6 carries the artery's 400·(1/3)³·e² = 109 HU
// × 12/801 = 1.64 HU, over the 5% floor (the mean peaks at 24.8 HU → 1.24 HU; noise SD of the mean 0.07 HU),
// so the baseline is frames 0–5, before the artery (the pipeline's baselineFrames ends it one frame earlier,
// at 0–4; frame 5 is the artery's onset and still holds no contrast, so 6 frames are right here too).
const firstMask = maskVoxels(brainMask(study.ct).brain);
const baselineCount = detectArrival(meanCurveHu(study.ct, firstMask), study.frameTimesS).frame;
const brain = maskVoxels(brainMask(study.ct, { baselineCount }).brain);
const curves = concentrationCurves(study.ct, brain, baselineCount);
const arteryVoxels = new Set(voxelsWithLabel(study.labels, LABEL.artery));
const veinVoxels = new Set(voxelsWithLabel(study.labels, LABEL.vein));

describe('selectAif', () => {
  const aif = selectAif(curves, brain, study.frameTimesS, { baselineCount });

  it('lands in the arterial voxels, with the cluster size of the rules', () => {
    expect(baselineCount).toBe(6);
    // Brain = tissue + artery + vein labels (CSF, skull, air out): 801 voxels here.
    expect(brain.length).toBe(tissue.length + arteryVoxels.size + veinVoxels.size);
    expect(aif.voxels.length).toBe(8);
    for (const v of aif.voxels) expect(arteryVoxels.has(v), `voxel ${v}`).toBe(true);
    expect(aif.candidateCount).toBe(brain.length);
    // Tissue peaks at 20 HU (+ noise), under the 50 HU minimum: all rejected for their peak.
    expect(aif.rejected.lowPeak).toBe(tissue.length);
  });

  it('averages the chosen curves: peak ≈ 400 HU at 8 s', () => {
    // Mean of 8 curves with 2 HU noise and a baseline of 6 frames: SD = 2·√((1 + 1/6)/8) = 0.76 HU, and the
    // peak frame (8 s) samples the gamma variate at its maximum, so 400 ± 3 HU.
    let peak = 0;
    let peakFrame = 0;
    aif.curveDeltaHu.forEach((value, t) => {
      if (value > peak) {
        peak = value;
        peakFrame = t;
      }
    });
    expect(peakFrame).toBe(8);
    expect(Math.abs(peak - 400)).toBeLessThan(3);
  });

  it('rejects a truncated curve and a noisy one', () => {
    // 3 candidates × 6 frames (1 s apart), baseline 2 frames: a clean bolus, one still at 80% of its peak in
    // the last frame (truncated), and one whose baseline SD (≈ 28 HU) makes peak/noise < 10.
    const times = [0, 1, 2, 3, 4, 5];
    const c = Float32Array.from([
      ...[0, 0, 100, 300, 100, 10],
      ...[0, 0, 100, 300, 280, 240],
      ...[-20, 20, 100, 200, 50, 0],
    ]);
    const picked = selectAif(c, Int32Array.from([10, 11, 12]), times, { baselineCount: 2 });
    expect(Array.from(picked.voxels)).toEqual([10]);
    expect(picked.rejected).toEqual({ lowPeak: 0, noisy: 1, truncated: 1, late: 0 });
  });

  it('ranks only the early arrivals, so a later and higher venous curve cannot win', () => {
    // 12 frames 1 s apart, baseline 2 frames. Artery: 0, 0, 50, 100, 50, 20, 0 …: peak 100 at 3 s, half-max
    // rise at 2 s and fall at 4 s, score 100 / (2 · 3) = 16.7. Vein: 0 × 5, 100, 300, 400, 300, 100, 0, 0:
    // peak 400 at 7 s, rise 5 + 100/200 = 5.5 s, fall 8.5 s, score 400 / (3 · 7) = 19.0, the higher. With a
    // reference rank of 1 the earliest rise is the artery's 2 s; the vein's 5.5 s is over 2 + 2 s: late.
    const times = Array.from({ length: 12 }, (_, t) => t);
    const artery = [0, 0, 50, 100, 50, 20, 0, 0, 0, 0, 0, 0];
    const vein = [0, 0, 0, 0, 0, 100, 300, 400, 300, 100, 0, 0];
    const c = Float32Array.from([...vein, ...artery]);
    const rules = {
      clusterSize: 1,
      maximumRiseAfterEarliestS: 2,
      riseReferenceRank: 1,
      minimumPeakDeltaHu: 50,
      minimumPeakToNoise: 10,
      maximumTailFractionOfPeak: 0.5,
      rationale: 'test',
    };
    const picked = selectAif(c, Int32Array.from([20, 10]), times, { baselineCount: 2, rules });
    expect(Array.from(picked.voxels)).toEqual([10]);
    expect(picked.chosen[0]?.riseS).toBeCloseTo(2, 10);
    expect(picked.chosen[0]?.score).toBeCloseTo(100 / 6, 10);
    expect(picked.rejected.late).toBe(1);
    // Without the rule (a tolerance longer than the scan) the vein's score wins.
    const unruled = selectAif(c, Int32Array.from([20, 10]), times, {
      baselineCount: 2,
      rules: { ...rules, maximumRiseAfterEarliestS: 60 },
    });
    expect(Array.from(unruled.voxels)).toEqual([20]);
  });

  it('with fewer qualifying candidates than the reference rank still filters a late sinus', () => {
    // The curves of the test above, with the default rank 3: 2 candidates (artery, vein) and 3 (two arteries,
    // vein). Before, the 3rd earliest rise of 2 or 3 candidates was the vein's own 5.5 s, so nothing was late and
    // the vein (score 19.0 > 16.7) was picked; the reference now yields to the median rank, ceil(n/2): the
    // artery's 2 s, and the vein's 5.5 s is over 2 + 2 s.
    const times = Array.from({ length: 12 }, (_, t) => t);
    const artery = [0, 0, 50, 100, 50, 20, 0, 0, 0, 0, 0, 0];
    const vein = [0, 0, 0, 0, 0, 100, 300, 400, 300, 100, 0, 0];
    const rules = {
      clusterSize: 1,
      maximumRiseAfterEarliestS: 2,
      riseReferenceRank: 3,
      minimumPeakDeltaHu: 50,
      minimumPeakToNoise: 10,
      maximumTailFractionOfPeak: 0.5,
      rationale: 'test',
    };
    const two = selectAif(Float32Array.from([...vein, ...artery]), Int32Array.from([20, 10]), times, {
      baselineCount: 2,
      rules,
    });
    expect(Array.from(two.voxels)).toEqual([10]);
    expect(two.rejected.late).toBe(1);
    const three = selectAif(
      Float32Array.from([...vein, ...artery, ...artery]),
      Int32Array.from([20, 10, 11]),
      times,
      { baselineCount: 2, rules: { ...rules, clusterSize: 8 } },
    );
    expect(Array.from(three.voxels).sort((a, b) => a - b)).toEqual([10, 11]);
    expect(three.rejected.late).toBe(1);
    // One candidate is its own reference.
    const one = selectAif(Float32Array.from(vein), Int32Array.from([20]), times, { baselineCount: 2, rules });
    expect(Array.from(one.voxels)).toEqual([20]);
  });

  it('refuses mismatched inputs and a study without an artery, naming the field', () => {
    expect(() => selectAif(curves, brain.subarray(1), study.frameTimesS)).toThrow(/curves has/);
    expect(() => selectAif(new Float32Array(0), new Int32Array(0), [0, 1])).toThrow(
      /candidateVoxels is empty/,
    );
    const flat = new Float32Array(12);
    expect(() => selectAif(flat, Int32Array.from([0, 1, 2]), [0, 1, 2, 3])).toThrow(
      /no candidateVoxels curve/,
    );
    expect(() => selectAif(flat, Int32Array.from([0, 1, 2]), [0, 1, 1, 3])).toThrow(/frameTimesS\[2\]/);
  });
});

describe('selectVof', () => {
  const aif = selectAif(curves, brain, study.frameTimesS, { baselineCount });
  const aifTtpS = curveFeatures(aif.curveDeltaHu, 0, -1, study.frameTimesS, baselineCount).ttpS;
  const vof = selectVof(curves, brain, study.frameTimesS, { baselineCount, aifTtpS });

  it('lands in the venous voxels: late and largest in area', () => {
    // Areas: vein 250·β·Γ(4)·e³/3³ = 250·2.5·4.463 ≈ 2789 HU·s; tissue 20·2·4.463 ≈ 179; the artery peaks
    // too early (8 s < 8 + 1 s) to count. The 27 vein voxels differ only by noise, well within 15% of the
    // largest area (areaToleranceFraction), so all of them are averaged; the tissue, at 179, is far below.
    expect(aifTtpS).toBe(8);
    expect(vof.lateFromS).toBe(9);
    expect(vof.voxels.length).toBe(27);
    expect(veinVoxels.size).toBe(27);
    for (const v of vof.voxels) expect(veinVoxels.has(v), `voxel ${v}`).toBe(true);
    expect(vof.truncated).toBe(false);
    const area = vof.chosen[0]?.areaDeltaHuS ?? 0;
    expect(Math.abs(area - 2789) / 2789).toBeLessThan(0.02);
  });

  it('without an AIF takes candidates from the median time to peak on, and flags a truncated VOF', () => {
    const alone = selectVof(curves, brain, study.frameTimesS, { baselineCount });
    for (const v of alone.voxels) expect(veinVoxels.has(v)).toBe(true);
    const times = [0, 1, 2, 3];
    const c = Float32Array.from([...[0, 100, 50, 0], ...[0, 20, 60, 80]]);
    const cut = selectVof(c, Int32Array.from([0, 1]), times);
    expect(Array.from(cut.voxels)).toEqual([1]);
    expect(cut.truncated).toBe(true);
  });
});

describe('selectVof ranks and measures on different baseline frames', () => {
  // 8 frames 1 s apart, baseline 4 frames (the least that is split, 2 frames a half); one venous curve kept
  // (clusterSize 1). Raw HU above a common level:
  //   A: 0, 0, 0, 0, 50, 100, 50, 0     true area (trapezoids) 25 + 75 + 75 + 25 = 200 HU·s
  //   B: −4, 0, −4, 0, 50, 100, 50, 0   the same bolus with noisy frames 0 and 2 at −4 HU
  // ΔHU on the mean of frames 0–3 (−2): A unchanged (area 200); B = −2, 2, −2, 2, 52, 102, 52, 2, area
  // 0 + 0 + 0 + 27 + 77 + 77 + 27 = 208, which would win on its own baseline noise. Ranked above the odd
  // frames (1 and 3, mean 2 HU): A 200, B 208 − 2·7 = 194: A wins.
  const times = [0, 1, 2, 3, 4, 5, 6, 7];
  const a = [0, 0, 0, 0, 50, 100, 50, 0];
  const b = [-2, 2, -2, 2, 52, 102, 52, 2];
  const rules = {
    clusterSize: 1,
    minimumDelayAfterAifS: 1,
    minimumBaselineFramesToSplit: 4,
    areaToleranceFraction: 0,
    minimumPeakToNoise: 10,
    maximumTailFractionOfPeak: 0.5,
    rationale: 'test',
  };
  const options = { baselineCount: 4, aifTtpS: 1, rules };

  it('ranks on the area above the odd-numbered baseline frames, not on the reported area', () => {
    const picked = selectVof(Float32Array.from([...b, ...a]), Int32Array.from([7, 3]), times, options);
    expect(Array.from(picked.voxels)).toEqual([3]);
    expect(picked.chosen[0]?.areaDeltaHuS).toBeCloseTo(200, 10);
  });

  it('reports the chosen mean curve above its even-numbered baseline frames', () => {
    // B alone: re-baselined on frames 0 and 2 (mean −2) it is 0, 4, 0, 4, 54, 104, 54, 4.
    const alone = selectVof(Float32Array.from(b), Int32Array.from([7]), times, options);
    expect(Array.from(alone.curveDeltaHu)).toEqual([0, 4, 0, 4, 54, 104, 54, 4]);
  });

  it('below 4 baseline frames uses them all for both (no curve measured on frame 0 alone)', () => {
    // Before, 2 frames measured the VOF on frame 0 alone (B would have read 0, 4, 0, 4, … on its −2 HU) and
    // 1 frame left nothing to split. Now with 1, 2 or 3 frames the curve is returned on the baseline its
    // ΔHU was given on, and ranking uses the whole area (B's 208 over A's 200: the small bias stays).
    for (const baselineCount of [1, 2, 3]) {
      const alone = selectVof(Float32Array.from(b), Int32Array.from([7]), times, {
        ...options,
        baselineCount,
      });
      expect(Array.from(alone.curveDeltaHu), `${baselineCount} frames`).toEqual(b);
      const picked = selectVof(Float32Array.from([...b, ...a]), Int32Array.from([7, 3]), times, {
        ...options,
        baselineCount,
      });
      expect(Array.from(picked.voxels), `${baselineCount} frames`).toEqual([7]);
    }
  });
});

describe('selectAif with a venous sinus four times as high as the artery', () => {
  it('still lands in the arterial voxels', () => {
    // Artery t0 5 s, β 2 s, peak 150 HU at 11 s (half-max rise ≈ 7.8 s); vein t0 8 s, β 2.5 s, peak 600 HU at
    // 15.5 s (rise ≈ 11.5 s). On peak / (FWHM × TTP) the vein scores 600 / (10.3 × 15) = 3.9 against the
    // artery's 150 / (8.2 × 11) = 1.7; its rise comes 3.7 s after the arteries', over the 2 s allowed.
    const s = syntheticStudy({
      noiseHu: 2,
      seed: 3,
      frames: 50,
      artery: { t0S: 5, alpha: 3, betaS: 2, peakDeltaHu: 150 },
      vein: { t0S: 8, alpha: 3, betaS: 2.5, peakDeltaHu: 600 },
    });
    const arteries = voxelsWithLabel(s.labels, LABEL.artery);
    const vessels = Int32Array.from([...arteries, ...voxelsWithLabel(s.labels, LABEL.vein)]);
    const picked = selectAif(concentrationCurves(s.ct, vessels, 5), vessels, s.frameTimesS, {
      baselineCount: 5,
    });
    const isArtery = new Set(arteries);
    for (const v of picked.voxels) expect(isArtery.has(v), `voxel ${v}`).toBe(true);
    expect(picked.rejected.late).toBe(27);
  });
});

describe('arterialArrival', () => {
  // The artery starts at 5 s (α 3, β 1 s): frame 6 holds 400·(1/3)³·e² = 109 HU, over 5% of its peak, so
  // its own arrival is frame 6 whatever baseline the search is given.
  const vessels = Int32Array.from([...arteryVoxels, ...veinVoxels]);

  it('finds the arteries’ own arrival among the large vessels', () => {
    const found = arterialArrival(study.ct, vessels, baselineCount, study.frameTimesS);
    expect(found?.arrival.frame).toBe(6);
    for (const v of found?.voxels ?? []) expect(arteryVoxels.has(v), `voxel ${v}`).toBe(true);
  });

  it('still finds it from a provisional baseline that already holds the bolus (frames 0–9)', () => {
    // Frames 6–9 hold 109, 320, 400 and 340 HU of the artery: as baseline they would make its SD ≈ 160 HU and
    // reject it as noisy; the search baselines on frames 0–1 only.
    const found = arterialArrival(study.ct, vessels, 10, study.frameTimesS);
    expect(found?.arrival.frame).toBe(6);
    for (const v of found?.voxels ?? []) expect(arteryVoxels.has(v), `voxel ${v}`).toBe(true);
  });

  it('uses the given sphere when there is one, and is undefined when nothing qualifies', () => {
    const given = { centreVoxel: [5, 11, 1] as const, radiusMm: 0.6 };
    const found = arterialArrival(study.ct, vessels, baselineCount, study.frameTimesS, { given });
    expect(Array.from(found?.voxels ?? [])).toEqual([5 + NX * (11 + NY * 1)]);
    expect(found?.arrival.frame).toBe(6);
    expect(
      arterialArrival(study.ct, Int32Array.from(tissue), baselineCount, study.frameTimesS),
    ).toBeUndefined();
  });
});

describe('partialVolumeCorrect', () => {
  it('scales the AIF by area(VOF) / area(AIF) on uneven frame times', () => {
    // Times 0, 1, 2, 4, 6, 7, 8 s. AIF 0, 10, 20, 10, 0, 0, 0: trapezoids 5 + 15 + 30 + 10 = 60 HU·s.
    // VOF 0, 0, 10, 30, 20, 10, 0: 0 + 5 + 40 + 50 + 15 + 5 = 115 HU·s. Scale 115 / 60 = 1.91667.
    const times = [0, 1, 2, 4, 6, 7, 8];
    const result = partialVolumeCorrect([0, 10, 20, 10, 0, 0, 0], [0, 0, 10, 30, 20, 10, 0], times);
    expect(result.aifAreaDeltaHuS).toBeCloseTo(60, 10);
    expect(result.vofAreaDeltaHuS).toBeCloseTo(115, 10);
    expect(result.applied).toBe(true);
    expect(result.scale).toBeCloseTo(115 / 60, 10);
    expect(result.aifDeltaHu[2]).toBeCloseTo(20 * (115 / 60), 10);
  });

  it('leaves the AIF alone when the VOF area is smaller', () => {
    const result = partialVolumeCorrect([0, 10, 20, 0], [0, 5, 5, 0], [0, 1, 2, 3]);
    expect(result.applied).toBe(false);
    expect(result.scale).toBe(1);
    expect(Array.from(result.aifDeltaHu)).toEqual([0, 10, 20, 0]);
    expect(() => partialVolumeCorrect([0, 0, 0], [0, 5, 0], [0, 1, 2])).toThrow(
      /aifDeltaHu has no positive area/,
    );
    expect(() => partialVolumeCorrect([0, 1], [0, 5, 0], [0, 1, 2])).toThrow(/frameTimesS has 3 times/);
  });

  it('corrects the synthetic study’s AIF by about 2789 / 1785', () => {
    // Areas of the gamma variates: artery 400·1·4.463 = 1785 HU·s, vein 2789 HU·s; ratio 1.5625. Sampling at
    // 1 s and noise move the trapezoid areas by under 2%.
    const aif = selectAif(curves, brain, study.frameTimesS, { baselineCount });
    const vof = selectVof(curves, brain, study.frameTimesS, { baselineCount, aifTtpS: 8 });
    const result = partialVolumeCorrect(aif.curveDeltaHu, vof.curveDeltaHu, study.frameTimesS);
    expect(Math.abs(result.scale - 2789 / 1785) / (2789 / 1785)).toBeLessThan(0.03);
  });
});

describe('curveAt', () => {
  it('gives the mean ΔHU over given voxels or a spherical ROI (user override)', () => {
    const artery = voxelsWithLabel(study.labels, LABEL.artery);
    const byVoxels = curveAt(study.ct, artery, baselineCount);
    expect(byVoxels.voxels).toBe(artery);
    // Sphere of radius 0.6 mm at voxel (5, 11, 1): only that voxel (neighbours are 1 mm away in-plane).
    const roi = { centreVoxel: [5, 11, 1] as const, radiusMm: 0.6 };
    expect(Array.from(sphereVoxels(study.ct, roi))).toEqual([5 + NX * (11 + NY * 1)]);
    const one = curveAt(study.ct, roi, baselineCount);
    const direct = concentrationCurves(study.ct, one.voxels, baselineCount);
    expect(Array.from(one.curveDeltaHu)).toEqual(Array.from(direct, (x) => x));
    // The artery's mean curve peaks near 400 HU at 8 s (12 voxels: noise SD < 1 HU).
    expect(Math.abs((byVoxels.curveDeltaHu[8] ?? 0) - 400)).toBeLessThan(3);
    expect(() => curveAt(study.ct, { centreVoxel: [30, 0, 0], radiusMm: 2 }, baselineCount)).toThrow(
      /centreVoxel\[0\] = 30/,
    );
  });
});
