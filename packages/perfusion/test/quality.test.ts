import { describe, expect, it } from 'vitest';
import {
  qualityChecks,
  type MotionAction,
  type QualityCheck,
  type QualityCheckName,
  type QualityInput,
  perfusionQcLimits,
} from '../src/index.ts';

// A study that passes every check: 10 still frames, 3 baseline frames, AIF peak 300 HU with 5 HU baseline SD
// (peak/noise 60), washout complete, 60 s at 80 kVp and 150 mAs, CTDIvol 250 mGy.
type MotionFrame = NonNullable<QualityInput['motion']>[number];
const still = (frames: number): MotionFrame[] =>
  Array.from({ length: frames }, (_, frame): MotionFrame => ({
    frame,
    displacementMm: 0.1,
    throughPlaneMm: 0,
    action: 'ok',
  }));
const GOOD: QualityInput = {
  motion: still(10),
  baselineFrameCount: 3,
  aif: { peakDeltaHu: 300, baselineSdHu: 5 },
  vof: { truncated: false },
  protocol: { totalAcquisitionS: 60, kvp: 80, exposureMas: 150, ctdiVolMgy: 250 },
};

function check(input: QualityInput, name: QualityCheckName): QualityCheck {
  const found = qualityChecks(input).find((c) => c.check === name);
  if (!found) throw new Error(`no ${name} check`);
  return found;
}
const status = (input: QualityInput, name: QualityCheckName): string => check(input, name).status;
const protocol = (p: QualityInput['protocol']): QualityInput => ({
  ...GOOD,
  protocol: { ...GOOD.protocol, ...p },
});

/** Motion over 10 frames with the given actions on frames 0, 1, … */
function moved(...actions: MotionAction[]): QualityInput {
  const motion = still(10).map((m, i): MotionFrame => {
    const action = actions[i];
    return action ? { ...m, action, displacementMm: action === 'excluded' ? 8 : 2 } : m;
  });
  return { ...GOOD, motion };
}

describe('qualityChecks', () => {
  it('passes every check of a good study, in a fixed order', () => {
    const checks = qualityChecks(GOOD);
    expect(checks.map((c) => c.check)).toEqual([
      'motion',
      'baseline-frames',
      'aif-peak',
      'aif-noise',
      'washout',
      'acquisition-duration',
      'kvp',
      'exposure',
      'ctdivol',
    ]);
    expect(checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('motion: corrected frames pass with a note; excluded frames warn up to 20% of frames, fail beyond', () => {
    expect(check(moved('corrected'), 'motion')).toMatchObject({
      status: 'pass',
      reason: /1 frame corrected/,
    });
    expect(check(moved('excluded'), 'motion')).toMatchObject({
      status: 'warn',
      reason: /1 frame of 10 excluded/,
    });
    // 2 of 10 = 20%: still a warning (at most 20%); 3 of 10 = 30%: a failure.
    expect(status(moved('excluded', 'excluded'), 'motion')).toBe('warn');
    expect(check(moved('excluded', 'excluded', 'excluded'), 'motion')).toMatchObject({
      status: 'fail',
      reason: /3 frames of 10 excluded .*30\.0%.*IV\.C\.3/,
    });
    const { motion: _omitted, ...unassessed } = GOOD;
    expect(check(unassessed, 'motion')).toMatchObject({ status: 'warn', reason: /not assessed/ });
  });

  it('motion: through-plane motion that could not be measured is a warning, not a pass', () => {
    // The frames carry no throughPlaneMm (estimateThroughPlaneMotion not determinable): the in-plane part
    // alone passed before, although a shift along z had not been looked for.
    const inPlaneOnly = still(10).map(({ throughPlaneMm: _z, ...m }): MotionFrame => m);
    expect(check({ ...GOOD, motion: inPlaneOnly }, 'motion')).toMatchObject({
      status: 'warn',
      reason: /no frame moved beyond the ok limit; .*through-plane motion not assessed/,
    });
    // Stated explicitly, with frames that have throughPlaneMm, it still warns; a true flag passes.
    expect(status({ ...GOOD, throughPlaneAssessed: false }, 'motion')).toBe('warn');
    expect(status({ ...GOOD, motion: inPlaneOnly, throughPlaneAssessed: true }, 'motion')).toBe('pass');
    // With an excluded frame the status stays that of the exclusions (warn), the note is added.
    const excluded = moved('excluded').motion?.map(({ throughPlaneMm: _z, ...m }): MotionFrame => m);
    expect(check({ ...GOOD, ...(excluded ? { motion: excluded } : {}) }, 'motion')).toMatchObject({
      status: 'warn',
      reason: /1 frame of 10 excluded.*through-plane motion not assessed/,
    });
  });

  it('motion: a kept frame shifted through-plane beyond the 0.5 mm ok limit is a warning naming it, since it is not corrected', () => {
    // Frame 3 kept ('corrected' in-plane) with a 2.4 mm shift along z; frame 4 shifted 0.4 mm (within 0.5).
    const motion = still(10).map((m): MotionFrame => {
      if (m.frame === 3) return { ...m, action: 'corrected', displacementMm: 2.5, throughPlaneMm: -2.4 };
      if (m.frame === 4) return { ...m, throughPlaneMm: 0.4 };
      return m;
    });
    expect(check({ ...GOOD, motion }, 'motion')).toMatchObject({
      status: 'warn',
      reason:
        /1 kept frame shifted through-plane beyond 0\.50 mm \(frames 3, up to 2\.40 mm\), not corrected/,
    });
    // The same shift on a frame that is excluded anyway adds nothing: 1 of 10 excluded is the warning.
    const excludedShift = motion.map((m) => (m.frame === 3 ? { ...m, action: 'excluded' as const } : m));
    expect(check({ ...GOOD, motion: excludedShift }, 'motion').reason).not.toMatch(/through-plane/);
    // Within the limit only: a pass.
    const small = still(10).map((m) => ({ ...m, throughPlaneMm: 0.3 }));
    expect(status({ ...GOOD, motion: small }, 'motion')).toBe('pass');
    const bad = still(10).map((m) => ({ ...m, throughPlaneMm: Number.NaN }));
    expect(() => qualityChecks({ ...GOOD, motion: bad })).toThrow(/motion\[0\]\.throughPlaneMm/);
  });

  it('baseline frames: ≥ 2 pass, 1 warn, 0 fail (ACR CTP IV.C.2)', () => {
    expect(status({ ...GOOD, baselineFrameCount: 2 }, 'baseline-frames')).toBe('pass');
    expect(check({ ...GOOD, baselineFrameCount: 1 }, 'baseline-frames')).toMatchObject({
      status: 'warn',
      reason: /only 1 baseline frame .*IV\.C\.2.*at least 2/,
    });
    expect(status({ ...GOOD, baselineFrameCount: 0 }, 'baseline-frames')).toBe('fail');
  });

  it('AIF peak: ≥ 100 HU pass, 50 to 100 warn, < 50 fail', () => {
    const aif = (peakDeltaHu: number): QualityInput => ({ ...GOOD, aif: { peakDeltaHu, baselineSdHu: 1 } });
    expect(status(aif(100), 'aif-peak')).toBe('pass');
    expect(status(aif(99.9), 'aif-peak')).toBe('warn');
    expect(status(aif(50), 'aif-peak')).toBe('warn');
    expect(check(aif(49.9), 'aif-peak')).toMatchObject({
      status: 'fail',
      reason: /AIF peak 49\.9 HU below 50 HU/,
    });
  });

  it('AIF noise: peak / baseline SD ≥ 20 pass, 10 to 20 warn, < 10 fail; a zero SD passes', () => {
    const aif = (baselineSdHu: number): QualityInput => ({
      ...GOOD,
      aif: { peakDeltaHu: 200, baselineSdHu },
    });
    expect(status(aif(10), 'aif-noise')).toBe('pass'); // 200/10 = 20
    expect(check(aif(10.5), 'aif-noise')).toMatchObject({ status: 'warn', reason: /= 19\.0/ }); // 19.05
    expect(status(aif(20), 'aif-noise')).toBe('warn'); // 10
    expect(status(aif(20.5), 'aif-noise')).toBe('fail'); // 9.76
    expect(check(aif(0), 'aif-noise')).toMatchObject({ status: 'pass', reason: /∞/ });
  });

  it('washout: a truncated venous curve warns citing ACR CTP IV.C.1', () => {
    expect(check({ ...GOOD, vof: { truncated: true } }, 'washout')).toMatchObject({
      status: 'warn',
      reason: /truncated.*IV\.C\.1/,
    });
  });

  it('acquisition duration 50 to 70 s, kVp 70 to 90, mAs 100 to 200: inclusive ranges, outside warns', () => {
    for (const [field, name, low, high] of [
      ['totalAcquisitionS', 'acquisition-duration', 50, 70],
      ['kvp', 'kvp', 70, 90],
      ['exposureMas', 'exposure', 100, 200],
    ] as const) {
      expect(status(protocol({ [field]: low }), name)).toBe('pass');
      expect(status(protocol({ [field]: high }), name)).toBe('pass');
      expect(check(protocol({ [field]: low - 0.1 }), name)).toMatchObject({
        status: 'warn',
        reason: /outside/,
      });
      expect(status(protocol({ [field]: high + 0.1 }), name)).toBe('warn');
    }
    expect(check(protocol({ kvp: 120 }), 'kvp').reason).toMatch(/120\.0 kVp outside 70 to 90 kVp/);
  });

  it('a protocol fact missing from the headers warns "not stated"', () => {
    const noHeaders = { ...GOOD, protocol: {} };
    for (const name of ['acquisition-duration', 'kvp', 'exposure', 'ctdivol'] as const) {
      expect(check(noHeaders, name)).toMatchObject({ status: 'warn', reason: /not stated/ });
    }
  });

  it('CTDIvol: at or below the 1 Gy alert level passes, above warns for review (not a limit)', () => {
    expect(status(protocol({ ctdiVolMgy: 1000 }), 'ctdivol')).toBe('pass');
    const over = check(protocol({ ctdiVolMgy: 1000.1 }), 'ctdivol');
    expect(over.status).toBe('warn');
    expect(over.reason).toMatch(/alert level .*VII.*not a limit.*per rotation/);
  });

  it('refuses unusable numbers, naming the field', () => {
    expect(() => qualityChecks({ ...GOOD, baselineFrameCount: -1 })).toThrow(/baselineFrameCount/);
    expect(() => qualityChecks({ ...GOOD, aif: { peakDeltaHu: NaN, baselineSdHu: 1 } })).toThrow(
      /aif\.peakDeltaHu/,
    );
    expect(() => qualityChecks(protocol({ kvp: -80 }))).toThrow(/protocol\.kvp/);
  });

  describe('model fit coverage (data/perfusion-qc.json modelFit, 1% of the tissue voxels)', () => {
    const none = { delayEdge: 0, mttEdge: 0, noPositiveCorrelation: 0, nonFinite: 0 };
    const fit = (fallback: Partial<typeof none>, voxels = 10_000): QualityInput => ({
      ...GOOD,
      modelFit: { voxels, ...none, ...fallback },
    });

    it('is checked only when the model fit ran (input.modelFit given), last', () => {
      expect(qualityChecks(GOOD).some((c) => c.check === 'model-fit')).toBe(false);
      expect(qualityChecks(fit({})).at(-1)?.check).toBe('model-fit');
    });

    it('passes at 1% of the voxels without a fit and warns above, naming the main reason', () => {
      expect(perfusionQcLimits.modelFit.warnAboveFallbackFraction).toBe(0.01);
      expect(check(fit({ delayEdge: 60, mttEdge: 40 }), 'model-fit')).toMatchObject({
        status: 'pass',
        reason: /100 of 10000 voxels \(1\.0%\)/,
      });
      const late = check(fit({ delayEdge: 61, mttEdge: 40 }), 'model-fit');
      expect(late.status).toBe('warn');
      expect(late.reason).toMatch(
        /101 of 10000 .*above 1\.0%; mostly delayEdge \(61 voxels\).*later than the grid allows/,
      );
      const noTransit = check(
        fit({ delayEdge: 10, mttEdge: 30, noPositiveCorrelation: 20 }, 1000),
        'model-fit',
      );
      expect(noTransit.status).toBe('warn');
      expect(noTransit.reason).toMatch(/mostly mttEdge \(30 voxels\): fitted MTT at a limit/);
      expect(check(fit({ noPositiveCorrelation: 500 }), 'model-fit').reason).toMatch(/no enhancement/);
    });

    it('refuses counts that are not whole numbers or exceed the voxels, naming the field', () => {
      expect(() => qualityChecks(fit({ mttEdge: -1 }))).toThrow(/modelFit\.mttEdge/);
      expect(() => qualityChecks(fit({ nonFinite: 0.5 }))).toThrow(/modelFit\.nonFinite/);
      expect(() => qualityChecks(fit({ delayEdge: 11 }, 10))).toThrow(
        /11 fallbacks, more than modelFit\.voxels 10/,
      );
      expect(() => qualityChecks(fit({}, -3))).toThrow(/modelFit\.voxels/);
    });
  });
});
