export interface PatientRecord {
  id: string;
  identifierSystem: string;
  identifier: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  address: string;
  postcode: string | null;
  sex: 'female' | 'male';
  gender: string | null;
  pronouns: string | null;
  ethnicity: string | null;
  phone: string | null;
  /** The patient's registered GP and practice, as the latest referral gives it (ROS 4.6: report copies). */
  registeredGp: string | null;
}

/** An entitled referrer under the employer's IR(ME)R procedures (ROS 4.2), with the entitlement's dates. */
export interface ReferrerRecord {
  id: string;
  name: string;
  profession: string;
  registrationBody: string;
  registrationNumber: string;
  organisation: string;
  role: 'gp' | 'specialist' | 'other';
  entitledFrom: string;
  entitledUntil: string | null;
  userId: string | null;
}

export const REFERRAL_SOURCES = [
  'gp',
  'fracture_liaison',
  'falls',
  'secondary_care',
  'opportunistic',
  'bone_affecting_medication',
  'other',
] as const;
export const REFERRAL_METHODS = [
  'electronic',
  'email',
  'post',
  'fax',
  'choose_and_book',
  'order_comms',
] as const;
export const REFERRAL_STATES = [
  'received',
  'authorised',
  'returned',
  'cancelled',
  'discharged',
  'scanned',
] as const;
export const RETURN_REASONS = ['inadequate_information', 'inappropriate_indication', 'unsigned'] as const;

export type ReferralState = (typeof REFERRAL_STATES)[number];
export type ReturnReason = (typeof RETURN_REASONS)[number];

export interface CriteriaMatch {
  meetsCriteria: boolean;
  matched: { id: string; text: string; source: string }[];
  unmatched: { id: string; reason: string }[];
  criteriaVersion: string;
}

export interface ReferralRecord {
  id: string;
  patientId: string;
  referrerId: string;
  source: (typeof REFERRAL_SOURCES)[number];
  examination: 'dxa' | 'qct';
  indications: string[];
  clinicalInformation: string;
  signedByReferrer: boolean;
  /** The referrer asks for the report to be copied to the patient's GP (ROS 4.6). */
  copyReportToGp: boolean;
  method: (typeof REFERRAL_METHODS)[number];
  receivedAt: string;
  criteriaMatch: CriteriaMatch;
  state: ReferralState;
  authorisation: 'practitioner_justified' | 'operator_under_written_criteria' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  returnReason: ReturnReason | null;
  version: number;
}

export interface ReferralEventRecord {
  referralId: string;
  seq: number;
  at: string;
  actorId: string | null;
  fromState: ReferralState | null;
  toState: ReferralState;
  reason: string | null;
}

/** A referral as the worklist lists it: who the patient and the referrer are, and any booked appointment. */
export interface ReferralListItem extends ReferralRecord {
  patient: { familyName: string; givenNames: string; identifier: string; birthDate: string };
  referrerName: string;
  /** When the referral's booked appointment starts; null when none is booked. */
  bookedFor: string | null;
}
