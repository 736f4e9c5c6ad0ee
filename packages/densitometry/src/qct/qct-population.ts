import type { ExamInput } from '../schema/exam-input.ts';
import { decidePopulation, type PopulationDecision } from '../rules/population.ts';

export interface QctPopulationDecision extends PopulationDecision {
  /** ACR QCT IV.C.2 mg/cm³ spine categories apply only to the WHO T-score population. */
  spineMgCm3CategoriesApply: boolean;
  /** ACR QCT IV.E: no T-scores for children and adolescents. */
  tScoresReported: boolean;
}

/**
 * Who a QCT result is classified for (ACR QCT IV.C-E), by the same rule as DXA (ISCD 2019): WHO
 * categories for postmenopausal women, women in the menopausal transition and men aged 50 and over
 * (spine QCT by mg/cm³, hip CTXA by T-score); BMD and Z-score for premenopausal women and men under 50;
 * Z-scores only, no T-scores, for children.
 */
export function qctPopulation(
  patient: Pick<ExamInput['patient'], 'sex' | 'menopause'>,
  ageYears: number,
): QctPopulationDecision {
  if (!Number.isFinite(ageYears) || ageYears < 0)
    throw new Error('ageYears must be a number of years, 0 or more');
  const decision = decidePopulation(patient, ageYears);
  return {
    ...decision,
    spineMgCm3CategoriesApply: decision.population === 'adult_t_score',
    tScoresReported: decision.population !== 'paediatric',
  };
}
