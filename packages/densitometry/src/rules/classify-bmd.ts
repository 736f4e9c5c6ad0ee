import type { AssessedSite } from '../types/assessed-site.ts';
import type { BmdCategory, BmdClassification } from '../types/bmd-classification.ts';
import type { Population } from '../types/population.ts';
import { iscdAdult, iscdPaediatric, whoCategories } from '../reference/reference-data.ts';
import { classificationScore } from './classification-score.ts';

/** WHO categories on a T-score (WHO 1994; ROS 1.2): normal at -1.0 and above, osteoporosis at -2.5 and below. */
export function whoCategory(tScore: number): BmdCategory {
  if (tScore <= whoCategories.tScoreOsteoporosisAtMost) return 'osteoporosis';
  if (tScore < whoCategories.tScoreNormalAtLeast) return 'low_bone_density';
  return 'normal';
}

/** Z-score ranges (ISCD 2019; ACR QCT IV.D, V.C-D): -2.0 and below is below the expected range for age. */
export function zScoreCategory(zScore: number, population: 'adult_z_score' | 'paediatric'): BmdCategory {
  const limit =
    population === 'paediatric'
      ? iscdPaediatric.zScoreBelowExpectedRangeAtMost
      : iscdAdult.zScoreBelowExpectedRangeAtMost;
  return zScore <= limit ? 'below_expected_range' : 'within_expected_range';
}

const SCORE_NAME: Record<BmdClassification['scoreKind'], string> = {
  t_score: 'T-score',
  z_score: 'Z-score',
  z_score_height_adjusted: 'height-adjusted Z-score',
};

export function describeSite(site: Pick<AssessedSite, 'site' | 'side'>): string {
  const names: Record<string, string> = {
    total_hip: 'total hip',
    femoral_neck: 'femoral neck',
    radius_33: '33% radius',
  };
  const name = names[site.site] ?? `lumbar spine ${site.site}`;
  return site.side === null ? name : `${site.side} ${name}`;
}

/**
 * One classification on the lowest score among the candidate sites (ISCD 2019: lowest of lumbar spine,
 * total hip and femoral neck; ROS 4.6: present only one result). Candidates come in priority order, so
 * a tie keeps the first.
 */
export function classifyBmd(
  candidates: readonly AssessedSite[],
  population: Population,
): BmdClassification | null {
  let lowest: { site: AssessedSite; score: number; kind: BmdClassification['scoreKind'] } | null = null;
  for (const site of candidates) {
    const scored = classificationScore(site, population);
    if (scored !== null && (lowest === null || scored.score < lowest.score)) {
      lowest = { site, score: scored.score, kind: scored.kind };
    }
  }
  if (lowest === null) return null;
  const category =
    population === 'adult_t_score' ? whoCategory(lowest.score) : zScoreCategory(lowest.score, population);
  const scheme =
    population === 'adult_t_score' ? 'who' : population === 'adult_z_score' ? 'z_score' : 'paediatric';
  const considered = candidates.map(describeSite).join(', ');
  return {
    scheme,
    category,
    site: lowest.site.site,
    side: lowest.site.side,
    score: lowest.score,
    scoreKind: lowest.kind,
    reason: `lowest ${SCORE_NAME[lowest.kind]} of ${considered}: ${describeSite(lowest.site)} ${lowest.score.toFixed(1)}`,
  };
}
