import type { Vertebra } from '../schema/site-label.ts';
import type { Side } from '../schema/exam-input.ts';
import type { ScoreSource } from './score-source.ts';

/** One measured or recomputed site with its scores and whether it may be used for classification. */
export interface AssessedSite {
  site: string;
  side: Side | null;
  bmdGcm2: number;
  bmcG: number | null;
  areaCm2: number | null;
  tScore: number | null;
  zScore: number | null;
  tScoreSource: ScoreSource | null;
  zScoreSource: ScoreSource | null;
  /** Z-score adjusted for height-for-age (children), when the scanner gave one. */
  zScoreHeightAdjusted: number | null;
  /** Spine sites only: the vertebrae that make up the value. */
  vertebraeUsed: Vertebra[] | null;
  /** Spine composites only: how the BMD was formed. */
  compositeMethod: 'scanner' | 'sum_bmc_over_sum_area' | 'mean_of_vertebral_bmd' | null;
  usable: boolean;
  notUsableReason: string | null;
}
