import type { BmdCategory } from '../types/bmd-classification.ts';
import type { Population } from '../types/population.ts';
import { whoCategories, iscdAdult, iscdPaediatric } from '../reference/reference-data.ts';
import { whoCategory, zScoreCategory } from '../rules/classify-bmd.ts';
import { roundScore } from '../rules/round-score.ts';

export type CtxaSite = 'femoral_neck' | 'total_hip';

/** One CTXA hip region from the QCT software: areal BMD and the scores it reports. */
export interface CtxaSiteInput {
  site: CtxaSite;
  side?: 'left' | 'right';
  bmdGcm2: number;
  tScore?: number;
  zScore?: number;
}

export interface CtxaHipInput {
  sites: readonly CtxaSiteInput[];
  population: Population;
}

export interface CtxaHipClassification {
  scheme: 'who' | 'z_score' | 'paediatric';
  category: BmdCategory;
  site: CtxaSite;
  side: 'left' | 'right' | null;
  /** The score as reported, to one decimal place. */
  score: number;
  scoreKind: 't_score' | 'z_score';
  reason: string;
  source: string;
}

export interface CtxaHipAssessment {
  population: Population;
  /** null when no site carries the score this population is classified by. */
  classification: CtxaHipClassification | null;
  /** ACR QCT IV.C.1: the femoral neck CTXA BMD can be entered in FRAX; null when none, or for a child. */
  fraxFemoralNeckBmdGcm2: number | null;
  fraxFemoralNeckSide: 'left' | 'right' | null;
  notes: string[];
}

const SITE_NAME: Record<CtxaSite, string> = { femoral_neck: 'femoral neck', total_hip: 'total hip' };

function describe(site: CtxaSiteInput): string {
  return site.side === undefined ? SITE_NAME[site.site] : `${site.side} ${SITE_NAME[site.site]}`;
}

function validate(input: CtxaHipInput): void {
  if (input.sites.length === 0) throw new Error('sites: at least one CTXA hip site is needed');
  const seen = new Set<string>();
  for (const [i, s] of input.sites.entries()) {
    const at = `sites[${i}]`;
    const key = `${s.site}/${s.side ?? ''}`;
    if (seen.has(key)) throw new Error(`${at}: ${describe(s)} appears twice`);
    seen.add(key);
    // CTXA reports areal BMD in g/cm², as DXA does (ACR QCT IV.C.1); mg/cm³ here is a volumetric value.
    if (!Number.isFinite(s.bmdGcm2) || s.bmdGcm2 <= 0 || s.bmdGcm2 > 3)
      throw new Error(`${at}.bmdGcm2 (${describe(s)}) must be an areal BMD in g/cm², above 0 and at most 3`);
    for (const key of ['tScore', 'zScore'] as const) {
      const v = s[key];
      if (v !== undefined && (!Number.isFinite(v) || Math.abs(v) > 10))
        throw new Error(`${at}.${key} (${describe(s)}) must be a number between -10 and 10`);
    }
  }
}

/**
 * Hip CTXA (ACR QCT IV.C.1, V.B): areal BMD of the femoral neck and total hip from 3-D QCT, read like hip
 * DXA. Adults in the WHO population are classified on the lowest T-score of femoral neck and total hip
 * (either side); premenopausal women and men under 50 on the lowest Z-score (IV.D); children on the
 * lowest Z-score with the paediatric wording, T-scores ignored (IV.E). The femoral neck BMD is returned
 * for FRAX (IV.C.1): with both hips, the lower of the two (quantrad convention, the conservative choice).
 */
export function assessCtxaHip(input: CtxaHipInput): CtxaHipAssessment {
  validate(input);
  const { population } = input;
  const notes: string[] = [
    'CTXA femoral neck T-scores are comparable with DXA T-scores on the NHANES III reference (ACR QCT IV.C.1); CTXA from enhanced or unenhanced CT can be used',
  ];
  const scoreKind = population === 'adult_t_score' ? 't_score' : 'z_score';
  if (population === 'paediatric' && input.sites.some((s) => s.tScore !== undefined)) {
    notes.push('T-scores ignored: they are not reported for children and adolescents (ACR QCT IV.E)');
  }
  if (population === 'adult_z_score' && input.sites.some((s) => s.tScore !== undefined)) {
    notes.push(
      'T-scores not used: the WHO classification does not apply to premenopausal women and men under 50 (ACR QCT IV.D)',
    );
  }

  let lowest: { site: CtxaSiteInput; score: number } | null = null;
  for (const site of input.sites) {
    const raw = scoreKind === 't_score' ? site.tScore : site.zScore;
    if (raw === undefined) continue;
    const score = roundScore(raw);
    if (lowest === null || score < lowest.score) lowest = { site, score };
  }

  let classification: CtxaHipClassification | null = null;
  if (lowest === null) {
    notes.push(
      `not classified: no ${scoreKind === 't_score' ? 'T-score' : 'Z-score'} given for the femoral neck or total hip`,
    );
  } else {
    const scheme =
      population === 'adult_t_score' ? 'who' : population === 'adult_z_score' ? 'z_score' : 'paediatric';
    const category =
      population === 'adult_t_score' ? whoCategory(lowest.score) : zScoreCategory(lowest.score, population);
    const considered = input.sites.map(describe).join(', ');
    const scoreName = scoreKind === 't_score' ? 'T-score' : 'Z-score';
    classification = {
      scheme,
      category,
      site: lowest.site.site,
      side: lowest.site.side ?? null,
      score: lowest.score,
      scoreKind,
      reason: `lowest CTXA ${scoreName} of ${considered}: ${describe(lowest.site)} ${lowest.score.toFixed(1)}`,
      source:
        population === 'adult_t_score'
          ? `ACR QCT IV.C.1: WHO categories from the CTXA hip T-score; ${whoCategories.source}`
          : population === 'adult_z_score'
            ? iscdAdult.zScoreSource
            : iscdPaediatric.belowExpectedRangeTermSource,
    };
    if (population === 'paediatric' && category === 'below_expected_range') {
      notes.push(`stated as "${iscdPaediatric.belowExpectedRangeTerm}" (ACR QCT IV.E)`);
    }
  }

  const necks = input.sites.filter((s) => s.site === 'femoral_neck');
  let frax: CtxaSiteInput | null = null;
  for (const neck of necks) if (frax === null || neck.bmdGcm2 < frax.bmdGcm2) frax = neck;
  if (population === 'paediatric') {
    if (necks.length > 0)
      notes.push('femoral neck BMD not offered for FRAX: FRAX does not apply to children');
    frax = null;
  } else if (frax === null) {
    notes.push('no femoral neck CTXA BMD: FRAX can only be calculated without BMD');
  } else if (necks.length > 1) {
    notes.push(`femoral neck BMD for FRAX from the ${describe(frax)}, the lower of the two hips`);
  }
  return {
    population,
    classification,
    fraxFemoralNeckBmdGcm2: frax?.bmdGcm2 ?? null,
    fraxFemoralNeckSide: frax?.side ?? null,
    notes,
  };
}
