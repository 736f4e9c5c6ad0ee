import type { ExamInput } from '../schema/exam-input.ts';
import type { ExcludedVertebra } from '../types/excluded-vertebra.ts';
import { bmiLimits, rosGuideline } from '../reference/reference-data.ts';
import { roundTo } from './round-score.ts';

/** Body mass index in kg/m² from measured height and weight, or null when either is missing. */
export function bodyMassIndex(heightCm: number | undefined, weightKg: number | undefined): number | null {
  if (heightCm === undefined || weightKg === undefined) return null;
  return weightKg / (heightCm / 100) ** 2;
}

/** Extreme BMI makes DXA BMD possibly inaccurate (ACR QCT II.A.10; limits in data/bmi-limits.json). */
export function bmiWarnings(bmiKgM2: number | null): string[] {
  if (bmiKgM2 === null) return [];
  const shown = roundTo(bmiKgM2, 1);
  if (bmiKgM2 < bmiLimits.lowBelowKgM2)
    return [`BMI ${shown} kg/m² is very low: BMD may be inaccurate (ACR QCT II.A.10)`];
  if (bmiKgM2 >= bmiLimits.highAtLeastKgM2)
    return [`BMI ${shown} kg/m² is very high: BMD may be inaccurate (ACR QCT II.A.10)`];
  return [];
}

export function exclusionWarnings(excluded: readonly ExcludedVertebra[]): string[] {
  return excluded.map((e) => `${e.vertebra} excluded from the spine: ${e.reason}`);
}

/** Artefacts and positioning noted by the operator travel with the result to the reporter (ROS 5.1). */
export function technicalNoteWarnings(input: ExamInput): string[] {
  return (input.exam.technicalNotes ?? []).map((n) => {
    const where = n.site === undefined ? '' : ` at ${n.side ? `${n.side} ` : ''}${n.site}`;
    return `${n.kind}${where} noted by the operator: ${n.note}`;
  });
}

/** ROS 5.1: a weight change of 10 kg or more since a prior scan may affect the reliability of comparison. */
export function weightChangeWarnings(input: ExamInput): string[] {
  const weightKg = input.patient.weightKg;
  if (weightKg === undefined) return [];
  return (input.priors ?? [])
    .filter(
      (p) =>
        p.weightKg !== undefined &&
        Math.abs(weightKg - p.weightKg) >= rosGuideline.weightChangeWarningAtLeastKg,
    )
    .map((p) => {
      const delta = weightKg - (p.weightKg ?? weightKg);
      return `weight ${delta > 0 ? 'gained' : 'lost'} ${roundTo(Math.abs(delta), 1)} kg since ${p.date} (${p.weightKg} → ${weightKg} kg): may affect the reliability of the comparison (ROS 5.1)`;
    });
}
