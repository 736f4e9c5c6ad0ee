export type FractureRiskCategory = 'low' | 'intermediate' | 'high' | 'very_high';

/** NOGG category from a FRAX (or QFracture) result and clinical indicators. */
export interface FractureRiskResult {
  /** null when the thresholds do not cover the patient (e.g. under 50 with the shipped table). */
  category: FractureRiskCategory | null;
  tool: 'FRAX' | 'QFracture';
  withBmd: boolean;
  majorOsteoporoticPercent: number;
  hipPercent: number;
  thresholdAgeYears: number | null;
  thresholds: {
    majorOsteoporotic: FractureRiskThresholds;
    hip: FractureRiskThresholds;
  } | null;
  thresholdTable: string;
  /** The threshold table is not the published one (its reasons say why): report its figures as approximate. */
  thresholdsProvisional: boolean;
  reasons: string[];
}

export interface FractureRiskThresholds {
  lowerAssessmentPercent: number;
  interventionPercent: number;
  upperAssessmentPercent: number;
  veryHighRiskPercent: number;
}
