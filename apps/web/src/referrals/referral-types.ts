// Referrals as GET /api/referrals and GET /api/referrals/:id return them (packages/service/src/referrals).

export const REFERRAL_STATES = [
  'received',
  'authorised',
  'returned',
  'cancelled',
  'discharged',
  'scanned',
] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** The API's return reasons (ROS 4.3), with the words the screen shows. */
export const RETURN_REASONS = [
  { value: 'inadequate_information', label: 'Inadequate clinical information' },
  { value: 'inappropriate_indication', label: 'Inappropriate indication' },
  { value: 'unsigned', label: 'Not signed by the referrer' },
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number]['value'];

export interface CriteriaMatch {
  meetsCriteria: boolean;
  matched: { id: string; text: string; source: string }[];
  unmatched: { id: string; reason: string }[];
  criteriaVersion: string;
}

export interface Referral {
  id: string;
  patientId: string;
  referrerId: string;
  source: string;
  examination: 'dxa' | 'qct';
  indications: string[];
  clinicalInformation: string;
  signedByReferrer: boolean;
  method: string;
  receivedAt: string;
  criteriaMatch: CriteriaMatch;
  state: ReferralState;
  authorisation: 'practitioner_justified' | 'operator_under_written_criteria' | null;
  decisionReason: string | null;
  returnReason: ReturnReason | null;
  /** Days since receipt (ROS 4.4: an appointment offered within six weeks). */
  waitingDays: number;
  offerBy: string;
  /** Still waiting on or after day 42: a DM01 six-week breach. */
  dm01Breach: boolean;
}

/** A worklist row: the referral with its patient and referrer named (one query on the server). */
export interface ReferralListEntry extends Referral {
  patient: { familyName: string; givenNames: string; identifier: string; birthDate: string };
  referrerName: string;
  bookedFor: string | null;
}

export interface ReferralPage {
  items: ReferralListEntry[];
  total: number;
  limit: number;
  offset: number;
}

export function patientName(p: { familyName: string; givenNames: string }): string {
  return `${p.familyName.toUpperCase()}, ${p.givenNames}`;
}
