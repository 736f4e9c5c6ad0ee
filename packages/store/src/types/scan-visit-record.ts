import type { QuestionnaireAnswers } from './questionnaire.ts';

export const SCAN_SITES = [
  'lumbar_spine',
  'left_hip',
  'right_hip',
  'left_forearm',
  'right_forearm',
  'total_body',
  'vertebral_fracture_assessment',
] as const;
export type ScanSite = (typeof SCAN_SITES)[number];

export interface ScanVisitRecord {
  id: string;
  appointmentId: string;
  referralId: string;
  patientId: string;
  scannerId: string;
  operatorId: string;
  recordedAt: string;
  /** ROS 4.5: 4-point identification, each confirmed with the patient. */
  identity: { name: boolean; birthDate: boolean; address: boolean; examination: boolean };
  /** IR(ME)R pregnancy enquiry, asked of everyone of child-bearing capacity whatever their sex or gender. */
  pregnancy: {
    childBearingCapacity: boolean;
    status: 'not_pregnant' | 'possibly_pregnant' | 'pregnant' | 'not_applicable';
    lastMenstrualPeriod: string | null;
    signedBy: string | null;
  };
  questionnaire: QuestionnaireAnswers;
  heightCm: number | null;
  weightKg: number | null;
  consent: boolean;
  contraindications: { recentNuclearMedicine: boolean; recentContrast: boolean; metalwork: string | null };
  outcome: 'scanned' | 'not_scanned';
  notScannedReason: string | null;
  sitesScanned: ScanSite[];
  repeatOrExtraScans: string | null;
  operatorNotes: string | null;
}
