import type { AssessedSite } from '../types/assessed-site.ts';
import type { BmdClassification } from '../types/bmd-classification.ts';
import type { Population } from '../types/population.ts';

export interface ClassificationScore {
  score: number;
  kind: BmdClassification['scoreKind'];
}

/**
 * The score that classifies a site for this population: the T-score for WHO adults; the Z-score for
 * premenopausal women and men under 50; for children the height-adjusted Z-score when given, else the
 * Z-score (ISCD 2019, ISCD Pediatric 2019, ACR QCT V.C-D).
 */
export function classificationScore(site: AssessedSite, population: Population): ClassificationScore | null {
  switch (population) {
    case 'adult_t_score':
      return site.tScore === null ? null : { score: site.tScore, kind: 't_score' };
    case 'adult_z_score':
      return site.zScore === null ? null : { score: site.zScore, kind: 'z_score' };
    case 'paediatric':
      if (site.zScoreHeightAdjusted !== null)
        return { score: site.zScoreHeightAdjusted, kind: 'z_score_height_adjusted' };
      return site.zScore === null ? null : { score: site.zScore, kind: 'z_score' };
  }
}
