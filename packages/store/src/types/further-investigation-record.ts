export const INVESTIGATION_KINDS = [
  'vertebral_fracture_assessment',
  'spine_radiograph',
  'blood_tests',
  'forearm_scan',
  'specialist_referral',
  'falls_service',
  'fracture_liaison_service',
  'other',
] as const;

export interface FurtherInvestigationRecord {
  id: string;
  patientId: string;
  referralId: string;
  visitId: string | null;
  kind: (typeof INVESTIGATION_KINDS)[number];
  reason: string;
  status: 'recommended' | 'requested' | 'done' | 'declined';
  recordedBy: string;
  recordedAt: string;
  outcome: string | null;
}
