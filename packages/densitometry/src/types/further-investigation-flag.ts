export type FlagCode =
  | 'vfa_indicated'
  | 'low_z_score'
  | 'unexplained_bone_loss'
  | 'forearm_scan_indicated'
  | 'spine_reanalysis_needed';

/** A recommendation to investigate further (ROS 4.7), saying why. */
export interface FurtherInvestigationFlag {
  code: FlagCode;
  reason: string;
}
