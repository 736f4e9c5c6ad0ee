import type { ExamInput } from '../schema/exam-input.ts';
import type { Population } from '../types/population.ts';
import { iscdAdult, iscdPaediatric } from '../reference/reference-data.ts';

export interface PopulationDecision {
  population: Population;
  reason: string;
  warnings: string[];
}

/**
 * Which scores classify this patient (ISCD Adult 2019, ISCD Pediatric 2019, ACR QCT IV.C-E):
 * WHO T-score categories for postmenopausal women, women in the menopausal transition and men aged 50
 * and over; Z-scores for premenopausal women and men under 50; Z-scores only for children.
 */
export function decidePopulation(
  patient: Pick<ExamInput['patient'], 'sex' | 'menopause'>,
  ageYears: number,
): PopulationDecision {
  if (ageYears < iscdPaediatric.adultFromAgeYears) {
    return {
      population: 'paediatric',
      reason: `aged ${ageYears}: child or adolescent, Z-scores only (ISCD Pediatric 2019)`,
      warnings: [],
    };
  }
  if (patient.sex === 'male') {
    return ageYears >= iscdAdult.menUseTScoreFromAgeYears
      ? {
          population: 'adult_t_score',
          reason: `man aged ${ageYears}: WHO T-score categories (ISCD 2019)`,
          warnings: [],
        }
      : {
          population: 'adult_z_score',
          reason: `man aged ${ageYears}, under ${iscdAdult.menUseTScoreFromAgeYears}: Z-scores (ISCD 2019)`,
          warnings: [],
        };
  }
  switch (patient.menopause) {
    case 'post':
      return {
        population: 'adult_t_score',
        reason: 'postmenopausal woman: WHO T-score categories (ISCD 2019)',
        warnings: [],
      };
    case 'peri':
      return {
        population: 'adult_t_score',
        reason: 'woman in the menopausal transition: WHO T-score categories (ISCD 2019)',
        warnings: [],
      };
    case 'pre':
      return {
        population: 'adult_z_score',
        reason: 'premenopausal woman: Z-scores (ISCD 2019)',
        warnings: [],
      };
    case undefined: {
      const assumedPost = ageYears >= iscdAdult.unknownMenopauseAssumedPostFromAgeYears;
      const warning = `menopausal status not recorded: treated as ${assumedPost ? 'postmenopausal' : 'premenopausal'} at age ${ageYears}; record it to confirm the classification`;
      return assumedPost
        ? {
            population: 'adult_t_score',
            reason: `woman aged ${ageYears}, menopausal status not recorded: WHO T-score categories`,
            warnings: [warning],
          }
        : {
            population: 'adult_z_score',
            reason: `woman aged ${ageYears}, menopausal status not recorded: Z-scores`,
            warnings: [warning],
          };
    }
  }
}
