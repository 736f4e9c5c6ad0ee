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
    return {
      intervalYears: null,
      basis: 'paediatric',
      reason: iscdPaediatric.followUpReason,
      source: iscdPaediatric.followUpSource,
      treatmentReview: null,
    };
  }
  // ROS Appendix 4C: say when medication review is due where medication is taken or recommended.
  const monitorTreatment = (
    basis: 'on_treatment' | 'treatment_to_be_considered',
  ): FollowUpRecommendation => ({
    intervalYears: f.treatmentMonitoring.years,
    basis,
    reason: f.treatmentMonitoring.reason,
    source: f.treatmentMonitoring.source,
    treatmentReview: f.treatmentReview,
  });
  if (input.clinical?.onOsteoporosisTreatment === true) return monitorTreatment('on_treatment');
  if (
    fractureRisk?.category === 'high' ||
    fractureRisk?.category === 'very_high' ||
    classification?.category === 'osteoporosis'
  ) {
    return monitorTreatment('treatment_to_be_considered');
  }
  const boneLosing = input.clinical?.boneLosingMedication ?? [];
  if (boneLosing.length > 0 || (input.clinical?.glucocorticoidMgPerDay ?? 0) > 0) {
    return {
      intervalYears: f.boneLosingMedication.years,
      basis: 'bone_losing_medication',
      reason: f.boneLosingMedication.reason,
      source: f.boneLosingMedication.source,
      treatmentReview: null,
    };
  }
  return {
    intervalYears: f.periodicReassessment.years,
    basis: 'periodic_reassessment',
    reason: f.periodicReassessment.reason,
    source: f.periodicReassessment.source,
    treatmentReview: null,
  };
}
