import type { ClinicalInput, Side } from '../schema/exam-input.ts';

/** The facts of the exam a report states besides the scores (ROS Appendix 4C introductory information). */
export interface ExamSummary {
  date: string;
  sex: 'female' | 'male';
  menopause: 'pre' | 'peri' | 'post' | null;
  ethnicity: string | null;
  heightCm: number | null;
  weightKg: number | null;
  scanner: {
    id: string;
    manufacturer: string | null;
    model: string | null;
    softwareVersion: string | null;
  } | null;
  /** Artefacts, positioning and movement noted by the operator (ROS 5.1). */
  technicalNotes: { kind: string; site: string | null; side: Side | null; note: string }[];
  priors: { date: string; scannerId: string | null }[];
  clinical: ClinicalInput;
}
