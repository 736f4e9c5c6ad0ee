import type { BmdCategory } from '../types/bmd-classification.ts';
import type { Population } from '../types/population.ts';
import { acrQctSpineCategories, iscdAdult, iscdPaediatric } from '../reference/reference-data.ts';
import { zScoreCategory } from '../rules/classify-bmd.ts';
import { qctSpineCategory } from '../rules/qct-spine-category.ts';
import { roundScore } from '../rules/round-score.ts';

/** How a spine QCT result is stated for this patient's population. */
export interface QctSpineClassification {
  population: Population;
  /** mg/cm³ cut points (ACR IV.C.2), adult Z-score (IV.D) or paediatric Z-score (IV.E). */
  scheme: 'acr_qct_spine_mg_cm3' | 'z_score' | 'paediatric';
  /** null when a Z-score is needed and none was given. */
  category: BmdCategory | null;
  /** The words a report uses for the category. */
  statement: string;
  /** The Z-score as reported (one decimal), or null. */
  zScore: number | null;
  source: string;
  notes: string[];
}

const ACR_SPINE_WORDS: Record<'normal' | 'low_bone_density' | 'osteoporosis', string> = {
  normal: 'normal',
  low_bone_density: 'low bone density',
  osteoporosis: 'osteoporosis',
};

/**
 * The category of a spine QCT mean BMD for the patient's population (ACR QCT IV.C.2, IV.D, IV.E):
 * - postmenopausal women, women in the menopausal transition and men aged 50 and over: the ACR mg/cm³
 *   cut points (IV.C.2), never a WHO category from a spine QCT T-score;
 * - premenopausal women and men under 50: BMD and Z-score; Z ≤ -2.0 is low bone density for age (IV.D);
 *   the mg/cm³ cut points do not apply;
 * - children and adolescents: Z-score only, "low bone mineral mass or bone mineral density" at Z ≤ -2.0,
 *   never "osteopenia" or "osteoporosis" (IV.E).
 * The Z-score is classified as reported, to one decimal place.
 */
export function classifyQctSpine(
  population: Population,
  meanBmdMgCm3: number,
  zScore?: number,
): QctSpineClassification {
  if (!Number.isFinite(meanBmdMgCm3)) throw new Error('meanBmdMgCm3 must be a finite number (mg/cm³)');
  if (zScore !== undefined && !Number.isFinite(zScore)) throw new Error('zScore must be a finite number');
  const z = zScore === undefined ? null : roundScore(zScore);
  if (population === 'adult_t_score') {
    const category = qctSpineCategory(meanBmdMgCm3);
    return {
      population,
      scheme: 'acr_qct_spine_mg_cm3',
      category,
      statement: `${ACR_SPINE_WORDS[category]} (spine QCT ${meanBmdMgCm3.toFixed(1)} mg/cm³; ACR cut points approximately equivalent to the WHO categories)`,
      zScore: z,
      source: acrQctSpineCategories.source,
      notes: [
        'ACR QCT IV.C.2: the category comes from mg/cm³; a spine QCT T-score is not used for a WHO category',
      ],
    };
  }
  if (population === 'adult_z_score') {
    const notes = [
      'ACR QCT IV.D: premenopausal women and men under 50 have BMD and Z-score reported; the WHO classification and the spine mg/cm³ cut points do not apply',
    ];
    if (z === null) {
      return {
        population,
        scheme: 'z_score',
        category: null,
        statement: `spine QCT ${meanBmdMgCm3.toFixed(1)} mg/cm³, not categorised: a Z-score is needed (ACR QCT IV.D)`,
        zScore: null,
        source: iscdAdult.zScoreSource,
        notes,
      };
    }
    const category = zScoreCategory(z, 'adult_z_score');
    return {
      population,
      scheme: 'z_score',
      category,
      statement:
        category === 'below_expected_range'
          ? `low bone density for age (Z-score ${z.toFixed(1)})`
          : `within the expected range for age (Z-score ${z.toFixed(1)})`,
      zScore: z,
      source: iscdAdult.zScoreSource,
      notes,
    };
  }
  const notes = [
    'ACR QCT IV.E: children and adolescents have Z-scores only; no T-score is reported and the terms "osteopenia" and "osteoporosis" are not used',
  ];
  if (z === null) {
    return {
      population,
      scheme: 'paediatric',
      category: null,
      statement: `spine QCT ${meanBmdMgCm3.toFixed(1)} mg/cm³, not categorised: a paediatric Z-score is needed (ACR QCT IV.E)`,
      zScore: null,
      source: iscdPaediatric.belowExpectedRangeTermSource,
      notes,
    };
  }
  const category = zScoreCategory(z, 'paediatric');
  return {
    population,
    scheme: 'paediatric',
    category,
    statement:
      category === 'below_expected_range'
        ? `${iscdPaediatric.belowExpectedRangeTerm} (Z-score ${z.toFixed(1)})`
        : `within the expected range for age (Z-score ${z.toFixed(1)})`,
    zScore: z,
    source: iscdPaediatric.belowExpectedRangeTermSource,
    notes,
  };
}
