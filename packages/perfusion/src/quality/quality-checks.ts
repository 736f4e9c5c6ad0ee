import type { MotionAction } from '../preprocess/motion-report.ts';
import { preprocessDefaults, type MotionLimits } from '../preprocess/preprocess-defaults.ts';
import { perfusionQcLimits, type PerfusionQcLimits } from './perfusion-qc-limits.ts';
import { checkModelFit, type ModelFitInput } from './model-fit-check.ts';

export type QualityStatus = 'pass' | 'warn' | 'fail';

export type QualityCheckName =
  | 'motion'
  | 'baseline-frames'
  | 'aif-peak'
  | 'aif-noise'
  | 'washout'
  | 'acquisition-duration'
  | 'kvp'
  | 'exposure'
  | 'ctdivol'
  | 'model-fit';

/** One quality check of a study with its verdict and the reason for it. */
export interface QualityCheck {
  readonly check: QualityCheckName;
  readonly status: QualityStatus;
  readonly reason: string;
}

/** What the quality checks look at: the outcome of pre-processing and the protocol from the headers. */
export interface QualityInput {
  /** Per-frame motion actions (`motionReport`); absent when motion was not assessed. */
  readonly motion?: readonly {
    readonly frame: number;
    readonly displacementMm: number;
    /** Translation along the slice axis (mm, signed), when it was estimated; it is never corrected. */
    readonly throughPlaneMm?: number;
    readonly action: MotionAction;
  }[];
  /**
   * Whether movement along the slice axis was measured (`estimateThroughPlaneMotion` determinable); absent:
   * taken as true when some frame carries throughPlaneMm, false otherwise.
   */
  readonly throughPlaneAssessed?: boolean;
  readonly baselineFrameCount: number;
  readonly aif: { readonly peakDeltaHu: number; readonly baselineSdHu: number };
  readonly vof: { readonly truncated: boolean };
  /** The model fit's counts (voxels tried, fallbacks per reason); absent when the fit was off (no check). */
  readonly modelFit?: ModelFitInput;
  readonly protocol: {
    readonly totalAcquisitionS?: number;
    readonly kvp?: number;
    readonly exposureMas?: number;
    readonly ctdiVolMgy?: number;
  };
}

const fmt = (value: number, digits = 1): string => value.toFixed(digits);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function checkMotion(
  motion: QualityInput['motion'],
  throughPlaneAssessed: boolean | undefined,
  limits: PerfusionQcLimits['motion'],
  okMaxMm: number,
): QualityCheck {
  if (motion === undefined) {
    return {
      check: 'motion',
      status: 'warn',
      reason: 'motion not assessed (ACR CTP IV.C.3: movement must be noted)',
    };
  }
  const excluded = motion.filter((m) => m.action === 'excluded').length;
  const corrected = motion.filter((m) => m.action === 'corrected').length;
  const largestMm = motion.reduce((max, m) => Math.max(max, m.displacementMm), 0);
  const moved = `largest displacement ${fmt(largestMm, 2)} mm`;
  // A kept frame shifted along the slice axis beyond the ok limit is used uncorrected (slices too thick to
  // interpolate between, data/preprocess-defaults.json motion): noted, its effect to be considered (IV.C.3).
  const shiftedKept = motion.filter(
    (m) => m.action !== 'excluded' && m.throughPlaneMm !== undefined && Math.abs(m.throughPlaneMm) > okMaxMm,
  );
  const shiftNote =
    shiftedKept.length === 0
      ? ''
      : `; ${plural(shiftedKept.length, 'kept frame')} shifted through-plane beyond ${fmt(okMaxMm, 2)} mm ` +
        `(frames ${shiftedKept.map((m) => m.frame).join(', ')}, up to ` +
        `${fmt(Math.max(...shiftedKept.map((m) => Math.abs(m.throughPlaneMm ?? 0))), 2)} mm), not corrected: ` +
        'consider the effect on the maps';
  // Through-plane movement that could not be measured is movement not assessed (IV.C.3: it must be noted).
  const zAssessed = throughPlaneAssessed ?? motion.some((m) => m.throughPlaneMm !== undefined);
  const zNote = zAssessed
    ? ''
    : '; through-plane motion not assessed (the bone does not change enough along the slice axis to measure a shift)';
  if (excluded === 0) {
    const note =
      corrected > 0
        ? `${plural(corrected, 'frame')} corrected for movement`
        : 'no frame moved beyond the ok limit';
    if (shiftedKept.length > 0 || !zAssessed) {
      return {
        check: 'motion',
        status: 'warn',
        reason: `${note}; ${moved}${shiftNote}${zNote} (ACR CTP IV.C.3)`,
      };
    }
    return { check: 'motion', status: 'pass', reason: `${note}; ${moved} (ACR CTP IV.C.3)` };
  }
  const fraction = excluded / motion.length;
  const status: QualityStatus = fraction <= limits.maxExcludedFractionForWarn ? 'warn' : 'fail';
  return {
    check: 'motion',
    status,
    reason:
      `${plural(excluded, 'frame')} of ${motion.length} excluded for movement (${fmt(100 * fraction)}%, ` +
      `${status === 'warn' ? 'at most' : 'over'} ${fmt(100 * limits.maxExcludedFractionForWarn, 0)}%)` +
      `${corrected > 0 ? `, ${corrected} corrected` : ''}; ${moved}${shiftNote}${zNote}; consider the effect on the maps (ACR CTP IV.C.3)`,
  };
}

function checkBaseline(count: number, limits: PerfusionQcLimits['baseline']): QualityCheck {
  const frames = plural(count, 'baseline frame');
  if (count >= limits.passMinFrames) {
    return {
      check: 'baseline-frames',
      status: 'pass',
      reason: `${frames} before contrast arrival (ACR CTP IV.C.2: at least ${limits.passMinFrames})`,
    };
  }
  return {
    check: 'baseline-frames',
    status: count >= limits.warnMinFrames ? 'warn' : 'fail',
    reason: `only ${frames} before contrast arrival; ACR CTP IV.C.2 asks for at least ${limits.passMinFrames} (start imaging earlier after injection)`,
  };
}

function checkAifPeak(peakDeltaHu: number, limits: PerfusionQcLimits['aifPeak']): QualityCheck {
  const peak = `AIF peak ${fmt(peakDeltaHu)} HU`;
  if (peakDeltaHu < limits.failBelowDeltaHu) {
    return {
      check: 'aif-peak',
      status: 'fail',
      reason: `${peak} below ${limits.failBelowDeltaHu} HU: not an arterial curve; check the AIF position`,
    };
  }
  if (peakDeltaHu < limits.warnBelowDeltaHu) {
    return {
      check: 'aif-peak',
      status: 'warn',
      reason: `${peak} below ${limits.warnBelowDeltaHu} HU: low for an artery (partial volume, bolus or cardiac output); CBF and CBV scale with the AIF`,
    };
  }
  return { check: 'aif-peak', status: 'pass', reason: `${peak} (at least ${limits.warnBelowDeltaHu} HU)` };
}

function checkAifNoise(aif: QualityInput['aif'], limits: PerfusionQcLimits['aifNoise']): QualityCheck {
  const ratio = aif.baselineSdHu > 0 ? aif.peakDeltaHu / aif.baselineSdHu : Infinity;
  const text = `AIF peak / baseline SD = ${Number.isFinite(ratio) ? fmt(ratio) : '∞ (noiseless baseline)'}`;
  if (ratio < limits.failBelowPeakToNoise) {
    return {
      check: 'aif-noise',
      status: 'fail',
      reason: `${text}, below ${limits.failBelowPeakToNoise}: the arterial curve is too noisy`,
    };
  }
  if (ratio < limits.warnBelowPeakToNoise) {
    return {
      check: 'aif-noise',
      status: 'warn',
      reason: `${text}, below ${limits.warnBelowPeakToNoise}: noisy arterial curve`,
    };
  }
  return { check: 'aif-noise', status: 'pass', reason: `${text} (at least ${limits.warnBelowPeakToNoise})` };
}

function checkWashout(vof: QualityInput['vof']): QualityCheck {
  return vof.truncated
    ? {
        check: 'washout',
        status: 'warn',
        reason:
          'washout truncated: the venous curve is not back below half its peak by the last frame (scan too short, ' +
          'ACR CTP IV.C.1); CBV, MTT and the partial-volume correction of the AIF are underestimated',
      }
    : {
        check: 'washout',
        status: 'pass',
        reason: 'the venous curve falls below half its peak before the last frame (ACR CTP IV.C.1)',
      };
}

function checkRange(
  check: QualityCheckName,
  what: string,
  value: number | undefined,
  min: number,
  max: number,
  unit: string,
  section: string,
): QualityCheck {
  if (value === undefined) {
    return {
      check,
      status: 'warn',
      reason: `${what} not stated in the headers (${section}: ${min} to ${max} ${unit})`,
    };
  }
  const inRange = value >= min && value <= max;
  return {
    check,
    status: inRange ? 'pass' : 'warn',
    reason: `${what} ${fmt(value)} ${unit} ${inRange ? 'within' : 'outside'} ${min} to ${max} ${unit} (${section})`,
  };
}

function checkCtdiVol(ctdiVolMgy: number | undefined, limits: PerfusionQcLimits['ctdiVol']): QualityCheck {
  const convention =
    'scanners report CTDIvol accumulated over the series or per rotation; the alert level applies to the accumulated value';
  if (ctdiVolMgy === undefined) {
    return {
      check: 'ctdivol',
      status: 'warn',
      reason: `CTDIvol not stated in the headers (ACR CTP VII alert level ${limits.alertLevelMgy} mGy)`,
    };
  }
  if (ctdiVolMgy > limits.alertLevelMgy) {
    return {
      check: 'ctdivol',
      status: 'warn',
      reason:
        `CTDIvol ${fmt(ctdiVolMgy)} mGy above the ${limits.alertLevelMgy} mGy alert level (ACR CTP VII, FDA): review by a ` +
        `Qualified Medical Physicist and the supervising physician; an alert level is not a limit; ${convention}`,
    };
  }
  return {
    check: 'ctdivol',
    status: 'pass',
    reason: `CTDIvol ${fmt(ctdiVolMgy)} mGy at or below the ${limits.alertLevelMgy} mGy alert level (ACR CTP VII); ${convention}`,
  };
}

function requireNumber(value: number | undefined, field: string, min: number): void {
  if (value !== undefined && (!Number.isFinite(value) || value < min)) {
    throw new RangeError(`qualityChecks: ${field} must be a finite number ≥ ${min}, got ${value}`);
  }
}

/**
 * The quality checks of a CT perfusion study, each pass / warn / fail with its reason, in a fixed order:
 * motion, baseline frames, AIF peak, AIF noise, washout, acquisition duration, kVp, mAs, CTDIvol, and the
 * model fit's coverage when input.modelFit is given. Limits in
 * data/perfusion-qc.json with their ACR CTP sections. Protocol facts missing from the headers give a
 * warning "not stated". Throws a RangeError naming the field when a number is unusable.
 */
export function qualityChecks(
  input: QualityInput,
  limits: PerfusionQcLimits = perfusionQcLimits,
  motionLimits: MotionLimits = preprocessDefaults.motion,
): QualityCheck[] {
  if (!Number.isInteger(input.baselineFrameCount) || input.baselineFrameCount < 0) {
    throw new RangeError(
      `qualityChecks: baselineFrameCount must be a whole number ≥ 0, got ${input.baselineFrameCount}`,
    );
  }
  requireNumber(input.aif.peakDeltaHu, 'aif.peakDeltaHu', -Infinity);
  requireNumber(input.aif.baselineSdHu, 'aif.baselineSdHu', 0);
  requireNumber(input.protocol.totalAcquisitionS, 'protocol.totalAcquisitionS', 0);
  requireNumber(input.protocol.kvp, 'protocol.kvp', 0);
  requireNumber(input.protocol.exposureMas, 'protocol.exposureMas', 0);
  requireNumber(input.protocol.ctdiVolMgy, 'protocol.ctdiVolMgy', 0);
  input.motion?.forEach((m, i) => {
    requireNumber(m.displacementMm, `motion[${i}].displacementMm`, 0);
    requireNumber(m.throughPlaneMm, `motion[${i}].throughPlaneMm`, -Infinity);
  });
  const { protocol } = input;
  return [
    checkMotion(input.motion, input.throughPlaneAssessed, limits.motion, motionLimits.okMaxMm),
    checkBaseline(input.baselineFrameCount, limits.baseline),
    checkAifPeak(input.aif.peakDeltaHu, limits.aifPeak),
    checkAifNoise(input.aif, limits.aifNoise),
    checkWashout(input.vof),
    checkRange(
      'acquisition-duration',
      'acquisition',
      protocol.totalAcquisitionS,
      limits.acquisition.minDurationS,
      limits.acquisition.maxDurationS,
      's',
      'ACR CTP IV.C.1',
    ),
    checkRange('kvp', 'tube voltage', protocol.kvp, limits.kvp.min, limits.kvp.max, 'kVp', 'ACR CTP IV.C.1'),
    checkRange(
      'exposure',
      'exposure',
      protocol.exposureMas,
      limits.exposure.minMas,
      limits.exposure.maxMas,
      'mAs',
      'ACR CTP IV.C.1',
    ),
    checkCtdiVol(protocol.ctdiVolMgy, limits.ctdiVol),
    ...(input.modelFit === undefined ? [] : [checkModelFit(input.modelFit, limits.modelFit)]),
  ];
}
