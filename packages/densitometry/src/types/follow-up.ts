/** When to consider the next DXA, and why (ROS Figure 1). */
export interface FollowUpRecommendation {
  intervalYears: number | null;
  reason: string;
  /** For a patient on bone-strengthening treatment: when NOGG reviews it. */
  treatmentReview: string | null;
}
