import type { ExamInput, ReferenceInput, SiteMeasurement } from '../schema/exam-input.ts';
import type { AssessedSite } from '../types/assessed-site.ts';
import type { Population } from '../types/population.ts';
import {
  resolveTScoreReference,
  resolveZScoreReference,
  tScoreFromReference,
} from '../reference/t-score-reference.ts';
import { isCompositeOf, vertebraeOf } from '../schema/site-label.ts';
import { roundScore } from './round-score.ts';

export interface ScoringContext {
  population: Population;
  scanner: ExamInput['exam']['scanner'];
  references: readonly ReferenceInput[];
  sex: 'female' | 'male';
  ageYears: number;
}

/**
 * Scores for one site: the scanner's values when it gave them, otherwise computed from a configured
 * reference (T: young adult; Z: age- and sex-matched); every score names its source. Children get no T-score at all (ISCD Pediatric 2019,
 * ACR QCT V.D).
 */
export function scoreSite(measurement: SiteMeasurement, context: ScoringContext): AssessedSite {
  let tScore: number | null = null;
  let tScoreSource: AssessedSite['tScoreSource'] = null;
  if (context.population !== 'paediatric') {
    if (measurement.tScore !== undefined) {
      tScore = roundScore(measurement.tScore);
      tScoreSource = 'scanner';
    } else {
      const reference = resolveTScoreReference(measurement.site, context.scanner, context.references);
      if (reference) {
        tScore = roundScore(tScoreFromReference(measurement.bmdGcm2, reference));
        tScoreSource = `reference:${reference.id}`;
      }
    }
  }
  let zScore: number | null = null;
  let zScoreSource: AssessedSite['zScoreSource'] = null;
  if (measurement.zScore !== undefined) {
    zScore = roundScore(measurement.zScore);
    zScoreSource = 'scanner';
  } else {
    const reference = resolveZScoreReference(
      measurement.site,
      context.scanner,
      context.references,
      context.sex,
      context.ageYears,
    );
    if (reference) {
      zScore = roundScore(tScoreFromReference(measurement.bmdGcm2, reference)); // same arithmetic: (BMD − mean) / SD
      zScoreSource = `reference:${reference.id}`;
    }
  }
  const spine = vertebraeOf(measurement.site);
  return {
    site: measurement.site,
    side: measurement.side ?? null,
    bmdGcm2: measurement.bmdGcm2,
    bmcG: measurement.bmcG ?? null,
    areaCm2: measurement.areaCm2 ?? null,
    tScore,
    zScore,
    tScoreSource,
    zScoreSource,
    zScoreHeightAdjusted:
      measurement.zScoreHeightAdjusted === undefined ? null : roundScore(measurement.zScoreHeightAdjusted),
    vertebraeUsed: spine,
    compositeMethod: isCompositeOf(spine) ? 'scanner' : null,
    usable: measurement.notInterpretableReason === undefined,
    notUsableReason: measurement.notInterpretableReason ?? null,
  };
}
