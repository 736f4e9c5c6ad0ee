import type { Side } from '../schema/exam-input.ts';

export type BmdCategory =
  'normal' | 'low_bone_density' | 'osteoporosis' | 'within_expected_range' | 'below_expected_range';

/** The one classification a report states (ROS 4.6: only one WHO result), with the site that set it. */
export interface BmdClassification {
  scheme: 'who' | 'z_score' | 'paediatric';
  category: BmdCategory;
  site: string;
  side: Side | null;
  score: number;
  scoreKind: 't_score' | 'z_score' | 'z_score_height_adjusted';
  reason: string;
}
