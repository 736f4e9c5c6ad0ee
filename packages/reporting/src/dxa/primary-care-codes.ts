import type { DxaAssessment } from '@quantrad/densitometry';
import { fhirCodes } from '../reference/report-data.ts';

export interface PrimaryCareCode {
  code: string;
  /** The SNOMED CT concept. */
  display: string;
  /** How the report names it, in the ROS wording ("low bone density (osteopenia)", never "osteopenia"). */
  wording: string;
}

/**
 * SNOMED CT codes for primary care (ROS Appendix 4A: include primary care codes): the one bone density
 * classification (adults with WHO criteria, or a clinical diagnosis) and increased fracture risk.
 */
export function primaryCareCodes(
  assessment: DxaAssessment,
  clinicalDiagnosis: string | null,
): PrimaryCareCode[] {
  const codes: PrimaryCareCode[] = [];
  const c = fhirCodes.conclusions;
  const category = assessment.classification?.category;
  if (category === 'osteoporosis' || clinicalDiagnosis !== null) {
    codes.push({ code: c.osteoporosis[0], display: c.osteoporosis[1], wording: 'osteoporosis' });
  } else if (category === 'low_bone_density' && assessment.population === 'adult_t_score') {
    codes.push({
      code: c.low_bone_density[0],
      display: c.low_bone_density[1],
      wording: 'low bone density (osteopenia)',
    });
  }
  const risk = assessment.fractureRisk?.category;
  if (risk === 'high' || risk === 'very_high') {
    codes.push({
      code: c.increased_fracture_risk[0],
      display: c.increased_fracture_risk[1],
      wording: `increased (${risk === 'very_high' ? 'very high' : 'high'}) fracture risk`,
    });
  }
  return codes;
}
