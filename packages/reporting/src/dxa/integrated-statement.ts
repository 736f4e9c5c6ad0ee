import type { BmdCategory, DxaAssessment, FractureRiskCategory } from '@quantrad/densitometry';

// ROS 4.6 / Appendix 4C: fracture risk and bone density in one statement, in the recommended words:
// "Increased (high) fracture risk and osteoporotic bone density"; "No increased fracture risk and low
// bone density (osteopenia)". One WHO term only, the one that classified.

export const BMD_PHRASE: Record<BmdCategory, string> = {
  normal: 'normal bone density',
  low_bone_density: 'low bone density (osteopenia)',
  osteoporosis: 'osteoporotic bone density',
  within_expected_range: 'bone density within the expected range for age',
  below_expected_range: 'bone density below the expected range for age',
};

// ISCD Pediatric 2019 / ACR QCT IV.E: "low bone mineral mass or bone mineral density" for children.
const CHILD_BELOW_PHRASE = 'low bone mineral density for age (below the expected range for age)';

const RISK_PHRASE: Record<FractureRiskCategory, string> = {
  low: 'no increased fracture risk',
  intermediate: 'fracture risk in the intermediate range',
  high: 'increased (high) fracture risk',
  very_high: 'increased (very high) fracture risk',
};

export function bmdPhrase(assessment: DxaAssessment): string {
  const c = assessment.classification;
  if (c === null) return 'bone density that could not be classified from this scan';
  if (assessment.population === 'paediatric' && c.category === 'below_expected_range')
    return CHILD_BELOW_PHRASE;
  return BMD_PHRASE[c.category];
}

export function riskPhrase(assessment: DxaAssessment): string | null {
  const category = assessment.fractureRisk?.category;
  return category === undefined || category === null ? null : RISK_PHRASE[category];
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The one-line summary the referrer acts on. */
export function integratedStatement(assessment: DxaAssessment, clinicalDiagnosis: string | null): string {
  const risk = riskPhrase(assessment);
  const bmd = bmdPhrase(assessment);
  const prefix = clinicalDiagnosis === null ? '' : 'Clinical diagnosis of osteoporosis: ';
  if (assessment.population === 'paediatric') return sentence(bmd);
  if (risk === null) {
    const base = `${prefix}${bmd}`;
    const why =
      assessment.fractureRisk === null
        ? 'Fracture risk was not calculated: no fracture risk result was recorded for this scan.'
        : 'The fracture risk result could not be compared with the NOGG thresholds (see the fracture risk estimates).';
    return `${sentence(base)} ${why}`;
  }
  return prefix === '' ? sentence(`${risk} and ${bmd}`) : `${prefix}${risk} and ${bmd}.`;
}
