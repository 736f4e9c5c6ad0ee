import { z } from 'zod';
import { defaultCalibrationLimits, type CalibrationLimits } from './calibration-data.ts';
import type { QctCalibration } from './qct-calibration.ts';

// Asynchronous calibration (ACR QCT IV.B.1.b): a phantom scanned apart from the patient gives a stored
// calibration per scanner, tube voltage and reconstruction kernel, used for later scans while the scanner
// output stays stable; each new phantom calibration is checked against the earlier ones (ACR QCT VI.B).

const isoDate = z.iso.date();

/** A calibration stored for asynchronous use. */
export const storedCalibrationSchema = z.strictObject({
  scannerId: z.string().trim().min(1),
  kvp: z.number().positive(),
  kernel: z.string().trim().min(1),
  date: isoDate,
  material: z.enum(['K2HPO4', 'CaHA']),
  slopeHuPerMgCm3: z.number().positive(),
  interceptHu: z.number(),
  r2: z.number().min(0).max(1),
  phantom: z.string().optional(),
});
export type StoredCalibration = z.infer<typeof storedCalibrationSchema>;

export interface AsynchronousExam {
  scannerId: string;
  kvp: number;
  kernel: string;
  /** ISO date of the patient scan. */
  examDate: string;
}

export type AsynchronousChoice =
  | { ok: true; stored: StoredCalibration; calibration: QctCalibration; ageDays: number }
  | { ok: false; reasons: string[] };

const sameKernel = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const dayMs = 86_400_000;
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / dayMs);
const list = (values: readonly (string | number)[]): string =>
  [...new Set(values.map(String))].sort().join(', ');

/**
 * The latest stored calibration for the exam's scanner, kVp and kernel dated on or before the exam, as a
 * calibration ready for `bmdFromHu`; or the reasons none fits, naming what did not match.
 */
export function chooseAsynchronousCalibration(
  stored: readonly StoredCalibration[],
  exam: AsynchronousExam,
  limits: CalibrationLimits = defaultCalibrationLimits,
): AsynchronousChoice {
  if (!isoDate.safeParse(exam.examDate).success)
    return { ok: false, reasons: [`examDate: "${exam.examDate}" is not an ISO date (YYYY-MM-DD)`] };
  const onScanner = stored.filter((c) => c.scannerId === exam.scannerId);
  if (onScanner.length === 0)
    return {
      ok: false,
      reasons: [
        stored.length === 0
          ? 'no stored calibrations'
          : `no stored calibration for scanner ${exam.scannerId} (calibrated scanners: ${list(stored.map((c) => c.scannerId))})`,
      ],
    };
  const atKvp = onScanner.filter((c) => c.kvp === exam.kvp);
  if (atKvp.length === 0)
    return {
      ok: false,
      reasons: [
        `scanner ${exam.scannerId} has calibrations at ${list(onScanner.map((c) => c.kvp))} kVp, not at ${String(exam.kvp)} kVp (CT numbers vary with kVp, ACR QCT IV.B.2)`,
      ],
    };
  const withKernel = atKvp.filter((c) => sameKernel(c.kernel, exam.kernel));
  if (withKernel.length === 0)
    return {
      ok: false,
      reasons: [
        `scanner ${exam.scannerId} at ${String(exam.kvp)} kVp has calibrations for kernel ${list(atKvp.map((c) => c.kernel))}, not ${exam.kernel}`,
      ],
    };
  const before = withKernel
    .filter((c) => c.date <= exam.examDate)
    .sort((a, b) => a.date.localeCompare(b.date));
  const chosen = before.at(-1);
  if (!chosen)
    return {
      ok: false,
      reasons: [
        `every calibration of scanner ${exam.scannerId} at ${String(exam.kvp)} kVp, kernel ${exam.kernel} is dated after the exam (${exam.examDate}); the earliest is ${[...withKernel].sort((a, b) => a.date.localeCompare(b.date))[0]?.date ?? ''}`,
      ],
    };
  const ageDays = daysBetween(chosen.date, exam.examDate);
  const notes = [
    `asynchronous calibration of ${chosen.date} (${String(ageDays)} days before the exam) for scanner ${chosen.scannerId}, ${String(chosen.kvp)} kVp, kernel ${chosen.kernel}; it holds only while the scanner output is stable (ACR QCT IV.B.1.b)`,
  ];
  if (ageDays > limits.asynchronous.noteWhenOlderThanDays)
    notes.push(
      `the calibration is older than ${String(limits.asynchronous.noteWhenOlderThanDays)} days: scan the phantom again and check stability (${limits.asynchronous.source})`,
    );
  const calibration: QctCalibration = {
    method: 'asynchronous',
    material: chosen.material,
    slopeHuPerMgCm3: chosen.slopeHuPerMgCm3,
    interceptHu: chosen.interceptHu,
    r2: chosen.r2,
    points: [],
    residualsHu: [],
    scanner: { id: chosen.scannerId, kvp: chosen.kvp, kernel: chosen.kernel, date: chosen.date },
    notes,
  };
  if (chosen.phantom !== undefined) calibration.phantom = chosen.phantom;
  return { ok: true, stored: chosen, calibration, ageDays };
}

/** The line of a calibration, with the acquisition it belongs to when known. */
export interface CalibrationLine {
  slopeHuPerMgCm3: number;
  interceptHu: number;
  scannerId?: string;
  kvp?: number;
  kernel?: string;
  material?: 'K2HPO4' | 'CaHA';
  date?: string;
}

export interface CalibrationStability {
  /** null when there is no earlier calibration to compare with. */
  stable: boolean | null;
  referenceDensityMgCm3: number;
  /**
   * How far a material of the reference density, measured now, reads through the earlier calibration:
   * 100 × (density read − reference) / reference. null without an earlier calibration.
   */
  changePercent: number | null;
  maximumChangePercent: number;
  against: 'mean' | 'last';
  comparedWith: number;
  reasons: string[];
}

/**
 * Stability of a new calibration against earlier ones of the same scanner, kVp and kernel (ACR QCT
 * IV.B.1.b; VI.B: generally within 1%): the CT number the new line gives at the reference density, read
 * back through the mean (or the last) earlier line, as a percentage change in density.
 */
export function calibrationStability(
  current: CalibrationLine,
  earlier: readonly CalibrationLine[],
  options: { against?: 'mean' | 'last'; limits?: CalibrationLimits } = {},
): CalibrationStability {
  const limits = options.limits ?? defaultCalibrationLimits;
  const { referenceDensityMgCm3: ref, maximumChangePercent: max } = limits.stability;
  const against = options.against ?? limits.stability.against;
  const base = {
    referenceDensityMgCm3: ref,
    maximumChangePercent: max,
    against,
    comparedWith: earlier.length,
  };
  const mismatched: string[] = [];
  for (const [i, e] of earlier.entries()) {
    for (const key of ['scannerId', 'kvp', 'kernel', 'material'] as const) {
      const a = current[key];
      const b = e[key];
      if (a !== undefined && b !== undefined && String(a).toLowerCase() !== String(b).toLowerCase())
        mismatched.push(
          `earlier calibration ${String(i + 1)}${e.date ? ` (${e.date})` : ''}: ${key} ${String(b)} differs from ${String(a)}`,
        );
    }
  }
  if (mismatched.length > 0) return { ...base, stable: false, changePercent: null, reasons: mismatched };
  if (earlier.length === 0)
    return {
      ...base,
      stable: null,
      changePercent: null,
      reasons: ['no earlier calibration to compare with: this one is the baseline'],
    };
  const used =
    against === 'last'
      ? [...earlier].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')).slice(-1)
      : earlier;
  // The mean of lines is the line of the mean slope and mean intercept.
  const slope = used.reduce((a, c) => a + c.slopeHuPerMgCm3, 0) / used.length;
  const intercept = used.reduce((a, c) => a + c.interceptHu, 0) / used.length;
  if (!(slope > 0)) throw new Error('earlier: the earlier calibrations must have positive slopes');
  const huNow = current.interceptHu + current.slopeHuPerMgCm3 * ref;
  const readThroughEarlier = (huNow - intercept) / slope;
  const changePercent = (100 * (readThroughEarlier - ref)) / ref;
  const stable = Math.abs(changePercent) <= max;
  const what =
    against === 'last'
      ? 'the last earlier calibration'
      : `the mean of ${String(used.length)} earlier calibrations`;
  return {
    ...base,
    stable,
    changePercent,
    reasons: [
      `${String(ref)} mg/cm³ measured now reads ${readThroughEarlier.toFixed(2)} mg/cm³ through ${what}: ${changePercent >= 0 ? '+' : ''}${changePercent.toFixed(2)}% (${stable ? 'within' : 'beyond'} ±${String(max)}%, ACR QCT VI.B)`,
    ],
  };
}
