// Staff training, CPD and local-rules records (ROS 6.1, 9.1; Appendix 3). Dates are 'YYYY-MM-DD'.

/** One completed training course or competency assessment; expiresOn is the last day it counts. */
export interface TrainingRecord {
  id: string;
  userId: string;
  /** A training kind from the service's staff-training data. */
  kind: string;
  completedOn: string;
  expiresOn: string | null;
  /** Where the evidence is: a certificate number, a file reference. */
  evidence: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A continuing professional development activity. */
export interface CpdEntryRecord {
  id: string;
  userId: string;
  doneOn: string;
  hours: number;
  activity: string;
  recordedBy: string;
  recordedAt: string;
}

/** A confirmation that a member of staff has read a version of the local rules (IRR 2017). */
export interface LocalRulesReadingRecord {
  id: string;
  userId: string;
  version: string;
  readOn: string;
  recordedBy: string;
  recordedAt: string;
}

/** The training of one kind that counts for a user now: the most recently completed. */
export interface TrainingHeld {
  kind: string;
  completedOn: string;
  expiresOn: string | null;
}

/** A version of the local rules a user has read, and the first day they did. */
export interface LocalRulesHeld {
  version: string;
  readOn: string;
}

/** What a user holds of training and local rules, as the session lookup loads it. */
export interface StaffTrainingHeld {
  training: TrainingHeld[];
  localRulesRead: LocalRulesHeld[];
}
