/** What decided the follow-up interval (ROS Figure 1; ROS 1.2; ISCD Pediatric 2019). */
export type FollowUpBasis =
  | 'paediatric'
  | 'on_treatment'
  | 'treatment_to_be_considered'
  | 'bone_losing_medication'
  | 'periodic_reassessment';

/** When to consider the next DXA, and why (ROS Figure 1), in plain words with the source kept apart. */
export interface FollowUpRecommendation {
  intervalYears: number | null;
  basis: FollowUpBasis;
  reason: string;
  source: string;
  /** For a patient on or starting bone-strengthening treatment: when NOGG reviews it. */
  treatmentReview: { text: string; source: string } | null;
}
