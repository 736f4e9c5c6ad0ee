import type { ClinicalInput, FractureRiskInput } from '../schema/exam-input.ts';
import type {
  FractureRiskCategory,
  FractureRiskResult,
  FractureRiskThresholds,
} from '../types/fracture-risk-result.ts';
import { noggVeryHighRiskIndicators, type NoggThresholdTable } from '../reference/reference-data.ts';
import { roundTo } from './round-score.ts';

type ThresholdPair = NoggThresholdTable['rows'][number]['hip'];

export interface AgeThresholds {
  ageYears: number;
  majorOsteoporotic: FractureRiskThresholds;
  hip: FractureRiskThresholds;
}

function interpolate(a: number, b: number, fraction: number): number {
  return a + (b - a) * fraction;
}

function complete(pair: ThresholdPair, table: NoggThresholdTable): FractureRiskThresholds {
  const { upperAssessmentThresholdFactor, veryHighRiskThresholdFactor } = table.construction;
  return {
    lowerAssessmentPercent: roundTo(pair.lowerAssessmentPercent, 2),
    interventionPercent: roundTo(pair.interventionPercent, 2),
    upperAssessmentPercent: roundTo(pair.interventionPercent * upperAssessmentThresholdFactor, 2), // NOGG: UAT = 1.2 x IT
    veryHighRiskPercent: roundTo(pair.interventionPercent * veryHighRiskThresholdFactor, 2), // NOGG / Kanis 2021: 1.6 x IT
  };
}

/**
 * NOGG thresholds at an age: constant from 70 (NOGG hybrid thresholds, McCloskey 2015), linearly
 * interpolated between tabulated ages, null outside the ages the table covers.
 */
export function noggThresholdsAt(ageYears: number, table: NoggThresholdTable): AgeThresholds | null {
  const ageUsed = Math.min(ageYears, table.construction.constantFromAgeYears);
  const rows = [...table.rows].sort((a, b) => a.ageYears - b.ageYears);
  const first = rows[0];
  if (first === undefined || ageUsed < first.ageYears) return null;
  const last = rows[rows.length - 1];
  // A table that stops before the age it is held constant from does not cover the ages past its end.
  if (
    last !== undefined &&
    ageUsed > last.ageYears &&
    last.ageYears < table.construction.constantFromAgeYears
  )
    return null;
  const upperIndex = rows.findIndex((r) => r.ageYears >= ageUsed);
  const upper = upperIndex === -1 ? rows[rows.length - 1] : rows[upperIndex];
  const lower = upperIndex > 0 ? rows[upperIndex - 1] : upper;
  if (upper === undefined || lower === undefined) return null;
  const fraction =
    upper.ageYears === lower.ageYears ? 0 : (ageUsed - lower.ageYears) / (upper.ageYears - lower.ageYears);
  const at = (pick: (r: NoggThresholdTable['rows'][number]) => ThresholdPair): ThresholdPair => ({
    lowerAssessmentPercent: interpolate(
      pick(lower).lowerAssessmentPercent,
      pick(upper).lowerAssessmentPercent,
      fraction,
    ),
    interventionPercent: interpolate(
      pick(lower).interventionPercent,
      pick(upper).interventionPercent,
      fraction,
    ),
  });
  return {
    ageYears: ageUsed,
    majorOsteoporotic: complete(
      at((r) => r.majorOsteoporotic),
      table,
    ),
    hip: complete(
      at((r) => r.hip),
      table,
    ),
  };
}

const ORDER: readonly FractureRiskCategory[] = ['low', 'intermediate', 'high', 'very_high'];

function higher(a: FractureRiskCategory, b: FractureRiskCategory): FractureRiskCategory {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/**
 * One probability against its thresholds (NOGG section 4). Without BMD: low below the lower assessment
 * threshold, intermediate up to the upper one, then high, then very high. With BMD there is no
 * intermediate band: at or above the intervention threshold is high.
 */
export function categoriseProbability(
  percent: number,
  thresholds: FractureRiskThresholds,
  withBmd: boolean,
): FractureRiskCategory {
  if (percent >= thresholds.veryHighRiskPercent) return 'very_high';
  if (withBmd) return percent >= thresholds.interventionPercent ? 'high' : 'low';
  if (percent >= thresholds.upperAssessmentPercent) return 'high';
  if (percent >= thresholds.lowerAssessmentPercent) return 'intermediate';
  return 'low';
}

/** NOGG clinical indicators of very high fracture risk (NOGG section 4 recommendation 8). */
export function veryHighRiskIndicators(
  clinical: ClinicalInput | undefined,
  lowestTScore: number | null,
): string[] {
  const i = noggVeryHighRiskIndicators;
  const reasons: string[] = [];
  if (
    clinical?.monthsSinceVertebralFracture !== undefined &&
    clinical.monthsSinceVertebralFracture <= i.recentVertebralFractureWithinMonths
  ) {
    reasons.push(
      `vertebral fracture within the last ${i.recentVertebralFractureWithinMonths / 12} years (NOGG very high risk indicator)`,
    );
  }
  if (
    clinical?.vertebralFractures !== undefined &&
    clinical.vertebralFractures >= i.vertebralFracturesAtLeast
  ) {
    reasons.push(
      `${clinical.vertebralFractures} vertebral fractures (NOGG very high risk indicator: ${i.vertebralFracturesAtLeast} or more)`,
    );
  }
  if (lowestTScore !== null && lowestTScore <= i.tScoreAtMost) {
    reasons.push(
      `T-score ${lowestTScore.toFixed(1)} at or below ${i.tScoreAtMost.toFixed(1)} (NOGG very high risk indicator)`,
    );
  }
  if (
    clinical?.glucocorticoidMgPerDay !== undefined &&
    clinical.glucocorticoidMgPerDay >= i.glucocorticoidAtLeastMgPerDay &&
    (clinical.glucocorticoidMonths ?? 0) >= i.glucocorticoidAtLeastMonths
  ) {
    reasons.push(
      `glucocorticoids ${clinical.glucocorticoidMgPerDay} mg/day for ${clinical.glucocorticoidMonths ?? 0} months (NOGG very high risk indicator: ≥${i.glucocorticoidAtLeastMgPerDay} mg/day prednisolone for ≥${i.glucocorticoidAtLeastMonths} months)`,
    );
  }
  return reasons;
}

const CATEGORY_TEXT: Record<FractureRiskCategory, string> = {
  low: 'low',
  intermediate: 'intermediate',
  high: 'high',
  very_high: 'very high',
};

/**
 * NOGG fracture risk category (NOGG 2024 section 4): each of the major osteoporotic and hip
 * probabilities is categorised against the age's thresholds and the higher decides (recommendation 5);
 * clinical very-high-risk indicators raise it to very high (recommendation 8).
 */
export function classifyFractureRisk(
  risk: FractureRiskInput,
  ageYears: number,
  lowestTScore: number | null,
  clinical: ClinicalInput | undefined,
  table: NoggThresholdTable,
): FractureRiskResult {
  const reasons: string[] = [];
  const frax = noggVeryHighRiskIndicators.frax;
  const base = {
    tool: risk.tool,
    withBmd: risk.withBmd,
    majorOsteoporoticPercent: risk.majorOsteoporoticPercent,
    hipPercent: risk.hipPercent,
    thresholdTable: table.id,
    thresholdsProvisional: table.status === 'provisional',
  };
  if (table.status === 'provisional' && table.statusNote)
    reasons.push(`thresholds provisional: ${table.statusNote}`);
  if (risk.tool === 'QFracture') {
    reasons.push(
      'NOGG thresholds are FRAX probabilities; a QFracture risk is compared with them as an approximation',
    );
  }
  if (ageYears < frax.minimumAgeYears) {
    reasons.push(
      `not categorised: FRAX and the NOGG thresholds apply from age ${frax.minimumAgeYears} (${frax.source})`,
    );
    return { ...base, category: null, thresholdAgeYears: null, thresholds: null, reasons };
  }
  const thresholds = noggThresholdsAt(Math.min(ageYears, frax.maximumAgeYears), table);
  const indicators = veryHighRiskIndicators(clinical, lowestTScore);
  if (thresholds === null) {
    reasons.push(`the threshold table ${table.id} does not cover age ${ageYears}`);
    if (indicators.length > 0) {
      reasons.push(...indicators);
      return { ...base, category: 'very_high', thresholdAgeYears: null, thresholds: null, reasons };
    }
    return { ...base, category: null, thresholdAgeYears: null, thresholds: null, reasons };
  }
  const major = categoriseProbability(
    risk.majorOsteoporoticPercent,
    thresholds.majorOsteoporotic,
    risk.withBmd,
  );
  const hip = categoriseProbability(risk.hipPercent, thresholds.hip, risk.withBmd);
  let category = higher(major, hip);
  const bmd = risk.withBmd ? 'with BMD' : 'without BMD';
  reasons.push(
    `${risk.tool} ${bmd}: major osteoporotic ${risk.majorOsteoporoticPercent}% is ${CATEGORY_TEXT[major]} (intervention threshold ${thresholds.majorOsteoporotic.interventionPercent}% ${ageYears > thresholds.ageYears ? `for ages ${thresholds.ageYears} and over` : `at age ${ageYears}`}); hip ${risk.hipPercent}% is ${CATEGORY_TEXT[hip]} (intervention threshold ${thresholds.hip.interventionPercent}%); the higher decides (NOGG section 4 recommendation 5)`,
  );
  if (category === 'intermediate')
    reasons.push(
      'intermediate risk: measure BMD and recalculate the probability with it (NOGG section 4 recommendation 4)',
    );
  if (indicators.length > 0) {
    category = 'very_high';
    reasons.push(...indicators);
  }
  if (category === 'low' && clinical?.priorFragilityFracture === true) {
    reasons.push(
      'prior fragility fracture: consider drug treatment whatever the probability; low-risk reassurance applies only without a prior fracture (NOGG section 4 recommendations 2 and 7)',
    );
  }
  return {
    ...base,
    category,
    thresholdAgeYears: thresholds.ageYears,
    thresholds: { majorOsteoporotic: thresholds.majorOsteoporotic, hip: thresholds.hip },
    reasons,
  };
}
