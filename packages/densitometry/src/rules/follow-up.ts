import type { ExamInput } from '../schema/exam-input.ts';
import type { BmdClassification } from '../types/bmd-classification.ts';
import type { FollowUpRecommendation } from '../types/follow-up.ts';
import type { FractureRiskResult } from '../types/fracture-risk-result.ts';
import type { Population } from '../types/population.ts';
import { iscdPaediatric, rosGuideline } from '../reference/reference-data.ts';

/** When to consider the next DXA (ROS Figure 1; ROS 1.2), with the reason that decided it. */
export function recommendFollowUp(
  input: ExamInput,
  population: Population,
  fractureRisk: FractureRiskResult | null,
  classification: BmdClassification | null,
): FollowUpRecommendation {
  const f = rosGuideline.followUp;
  if (population === 'paediatric') return { intervalYears: null, reason: iscdPaediatric.followUpReason };
  if (input.clinical?.onOsteoporosisTreatment === true) {
    return {
      intervalYears: f.treatmentMonitoringYears,
      reason: `on bone-strengthening treatment: ${f.treatmentMonitoringSource}`,
    };
  }
  if (fractureRisk?.category === 'high' || fractureRisk?.category === 'very_high') {
    return {
      intervalYears: f.treatmentMonitoringYears,
      reason: `treatment to be considered (${fractureRisk.category.replace('_', ' ')} fracture risk): ${f.treatmentMonitoringSource}`,
    };
  }
  if (classification?.category === 'osteoporosis') {
    return {
      intervalYears: f.treatmentMonitoringYears,
      reason: `osteoporotic bone density, treatment to be considered: ${f.treatmentMonitoringSource}`,
    };
  }
  const boneLosing = input.clinical?.boneLosingMedication ?? [];
  if (boneLosing.length > 0 || (input.clinical?.glucocorticoidMgPerDay ?? 0) > 0) {
    return {
      intervalYears: f.boneLosingMedicationYears,
      reason: `on medication that causes bone loss: ${f.boneLosingMedicationSource}`,
    };
  }
  return { intervalYears: f.periodicReassessmentYears, reason: f.periodicReassessmentSource };
}
