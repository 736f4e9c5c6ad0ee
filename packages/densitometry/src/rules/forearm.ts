import type { ExamInput } from '../schema/exam-input.ts';

/**
 * Why the 33% radius should be used (ISCD 2019): the hip or spine cannot be measured or interpreted,
 * hyperparathyroidism, or a patient over the table's weight limit. An empty list means it should not.
 */
export function forearmIndications(input: ExamInput, spineUsable: boolean, hipUsable: boolean): string[] {
  const reasons: string[] = [];
  if (!spineUsable && !hipUsable)
    reasons.push('neither the lumbar spine nor the hip could be measured or interpreted');
  else if (!spineUsable) reasons.push('the lumbar spine could not be measured or interpreted');
  else if (!hipUsable) reasons.push('the hip could not be measured or interpreted');
  if (input.clinical?.hyperparathyroidism === true) reasons.push('hyperparathyroidism');
  const limitKg = input.exam.scanner?.tableLimitKg;
  const weightKg = input.patient.weightKg;
  if (limitKg !== undefined && weightKg !== undefined && weightKg > limitKg) {
    reasons.push(`weight ${weightKg} kg is over the table limit of ${limitKg} kg`);
  }
  return reasons;
}
