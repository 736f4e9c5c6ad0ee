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
  if (population === 'paediatric') {
    return { intervalYears: null, reason: iscdPaediatric.followUpReason, treatmentReview: null };
  }
  // ROS Appendix 4C: say when medication review is due where medication is taken or recommended.
  const onTreatment = (reason: string): FollowUpRecommendation => ({
    intervalYears: f.treatmentMonitoringYears,
    reason: `${reason}: ${f.treatmentMonitoringSource}`,
    treatmentReview: f.treatmentReview,
  });
  if (input.clinical?.onOsteoporosisTreatment === true) return onTreatment('on bone-strengthening treatment');
  if (fractureRisk?.category === 'high' || fractureRisk?.category === 'very_high') {
    return onTreatment(
      // ROS 4.6: "increased (high) fracture risk", never "high fracture risk" alone.
      `treatment to be considered (increased (${fractureRisk.category.replace('_', ' ')}) fracture risk)`,
    );
  }
  if (classification?.category === 'osteoporosis')
    return onTreatment('osteoporotic bone density, treatment to be considered');
  const boneLosing = input.clinical?.boneLosingMedication ?? [];
  if (boneLosing.length > 0 || (input.clinical?.glucocorticoidMgPerDay ?? 0) > 0) {
    return {
      intervalYears: f.boneLosingMedicationYears,
      reason: `on medication that causes bone loss: ${f.boneLosingMedicationSource}`,
      treatmentReview: null,
    };
  }
  return {
    intervalYears: f.periodicReassessmentYears,
    reason: f.periodicReassessmentSource,
    treatmentReview: null,
  };
}
