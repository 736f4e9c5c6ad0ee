import type { DxaAssessment } from '@quantrad/densitometry';
import type { ReferralContext } from '../context/report-context-schema.ts';
import { reportWording } from '../reference/report-data.ts';

/**
 * A clinical diagnosis of osteoporosis in the service's pre-agreed circumstances (ROS 1.2, Appendix 4A
 * INDEX: e.g. a low-trauma vertebral or hip fracture in an older person), whatever the bone density.
 * Returns the reason in words, or null. Not made for children: their osteoporosis is diagnosed by the
 * paediatric team (ROS 1.2, ISCD Pediatric 2019).
 */
export function clinicalDiagnosisOfOsteoporosis(
  assessment: DxaAssessment,
  referral: ReferralContext,
): string | null {
  const rule = reportWording.clinicalDiagnosis;
  if (assessment.population === 'paediatric' || assessment.ageYears < rule.fromAgeYears) return null;
  const fracture = referral.fractures.find((f) => f.lowTrauma && rule.fractureSites.includes(f.site));
  if (fracture !== undefined) {
    const where = fracture.site === 'vertebra' ? 'spinal (vertebral)' : fracture.site;
    return `low-trauma ${where} fracture${fracture.date ? ` (${fracture.date.slice(0, 4)})` : ''} at age ${String(rule.fromAgeYears)} or over`;
  }
  const clinical = assessment.exam.clinical;
  if (
    rule.fractureSites.includes('vertebra') &&
    (clinical.vertebralFractures ?? 0) > 0 &&
    clinical.priorFragilityFracture === true
  ) {
    return `low-trauma spinal (vertebral) fracture at age ${String(rule.fromAgeYears)} or over`;
  }
  return null;
}
