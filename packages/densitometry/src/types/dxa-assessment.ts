import type { AssessedSite } from './assessed-site.ts';
import type { BmdClassification } from './bmd-classification.ts';
import type { ExamSummary } from './exam-summary.ts';
import type { ExcludedVertebra } from './excluded-vertebra.ts';
import type { FollowUpRecommendation } from './follow-up.ts';
import type { FractureRiskResult } from './fracture-risk-result.ts';
import type { FurtherInvestigationFlag } from './further-investigation-flag.ts';
import type { Population } from './population.ts';
import type { SerialChange } from './serial-change.ts';

/** Everything `quantrad dxa assess` computes for one exam. */
export interface DxaAssessment {
  exam: ExamSummary;
  population: Population;
  populationReason: string;
  ageYears: number;
  bmiKgM2: number | null;
  sites: AssessedSite[];
  excludedVertebrae: ExcludedVertebra[];
  classification: BmdClassification | null;
  changes: SerialChange[];
  fractureRisk: FractureRiskResult | null;
  flags: FurtherInvestigationFlag[];
  followUp: FollowUpRecommendation;
  warnings: string[];
}
