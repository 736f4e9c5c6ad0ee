import { preprocessDefaults, type MotionLimits } from './preprocess-defaults.ts';

export type MotionAction = 'ok' | 'corrected' | 'excluded';

/** What is done with one frame because of its movement, and why. */
export interface MotionFrameReport {
  readonly frame: number;
  readonly displacementMm: number;
  readonly action: MotionAction;
  readonly reason: string;
}

const fmt = (mm: number): string => mm.toFixed(2);

/**
 * Per frame: used as acquired (displacement ≤ okMaxMm), resampled onto the reference (≤ correctMaxMm) or
 * excluded (beyond it), each with its reason (ACR CTP IV.C.3: movement noted and its effect on the maps
 * considered; V: observed movement goes in the report). Limits in data/preprocess-defaults.json, motion.
 */
export function motionReport(
  displacementsMm: ArrayLike<number>,
  limits: MotionLimits = preprocessDefaults.motion,
): MotionFrameReport[] {
  const reports: MotionFrameReport[] = [];
  for (let frame = 0; frame < displacementsMm.length; frame++) {
    const mm = displacementsMm[frame] ?? NaN;
    if (!Number.isFinite(mm) || mm < 0) {
      throw new RangeError(`motionReport: displacementsMm[${frame}] must be a finite number ≥ 0, got ${mm}`);
    }
    if (mm <= limits.okMaxMm) {
      reports.push({
        frame,
        displacementMm: mm,
        action: 'ok',
        reason: `moved ${fmt(mm)} mm, within ${fmt(limits.okMaxMm)} mm: used as acquired`,
      });
    } else if (mm <= limits.correctMaxMm) {
      reports.push({
        frame,
        displacementMm: mm,
        action: 'corrected',
        reason: `moved ${fmt(mm)} mm (over ${fmt(limits.okMaxMm)}, up to ${fmt(limits.correctMaxMm)} mm): resampled onto the reference frame`,
      });
    } else {
      reports.push({
        frame,
        displacementMm: mm,
        action: 'excluded',
        reason: `moved ${fmt(mm)} mm, beyond ${fmt(limits.correctMaxMm)} mm: excluded from the analysis (ACR CTP IV.C.3)`,
      });
    }
  }
  return reports;
}
