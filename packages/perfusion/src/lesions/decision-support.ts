import { lesionThresholds, type TrialCriteria, type TrialCriterion } from './lesion-thresholds.ts';
import type { LesionVolumes } from './lesion-volumes.ts';

/** The volumes trial imaging criteria are judged on. */
export type DecisionVolumes = Pick<
  LesionVolumes,
  'coreMl' | 'hypoperfusionMl' | 'mismatchMl' | 'mismatchRatio'
>;

/** One criterion of a trial, judged. */
export interface CriterionResult {
  readonly name: TrialCriterion['name'];
  readonly label: string;
  readonly operator: TrialCriterion['operator'];
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly met: boolean;
}

/** Whether a study's imaging meets one trial's selection criteria. Decision support, not an instruction. */
export interface DecisionSupport {
  readonly trial: string;
  readonly source: string;
  readonly met: boolean;
  readonly criteria: readonly CriterionResult[];
  readonly wording: string;
}

const DISCLAIMER =
  'Decision support only: trial imaging criteria are one input; the treatment decision rests with the ' +
  'treating physician and the full clinical and imaging picture.';

function compare(value: number, operator: TrialCriterion['operator'], limit: number): boolean {
  switch (operator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

const SYMBOL: Record<TrialCriterion['operator'], string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

function describe(result: CriterionResult): string {
  const value =
    result.value === Infinity
      ? '∞ (no core)'
      : `${result.value.toFixed(result.unit === 'mL' ? 1 : 2)}${result.unit ? ` ${result.unit}` : ''}`;
  const limit = `${String(result.limit)}${result.unit ? ` ${result.unit}` : ''}`;
  return `${result.label} ${value} ${result.met ? '' : 'not '}${SYMBOL[result.operator]} ${limit}`;
}

/**
 * Judges lesion volumes against the imaging selection criteria of each trial in data/lesion-thresholds.json
 * (DEFUSE 3: core < 70 mL, mismatch ≥ 15 mL, ratio ≥ 1.8; EXTEND-IA: core < 70 mL, mismatch > 10 mL,
 * ratio > 1.2). Worded as decision support ("the imaging criteria of … are met"), never as a treatment
 * instruction. A criterion compares the unrounded value; an infinite ratio (hypoperfusion without core)
 * meets a lower limit.
 */
export function decisionSupport(
  volumes: DecisionVolumes,
  trials: readonly TrialCriteria[] = lesionThresholds.decisionCriteria,
): DecisionSupport[] {
  for (const field of ['coreMl', 'hypoperfusionMl', 'mismatchMl', 'mismatchRatio'] as const) {
    const value = volumes[field];
    if (Number.isNaN(value) || value === -Infinity || (field !== 'mismatchRatio' && value === Infinity)) {
      throw new RangeError(`decisionSupport: ${field} must be a number, got ${value}`);
    }
  }
  return trials.map((trial) => {
    const criteria = trial.criteria.map((criterion): CriterionResult => {
      const value = volumes[criterion.name];
      return {
        name: criterion.name,
        label: criterion.label,
        operator: criterion.operator,
        value,
        limit: criterion.limit,
        unit: criterion.unit,
        met: compare(value, criterion.operator, criterion.limit),
      };
    });
    const met = criteria.every((c) => c.met);
    const detail = (met ? criteria : criteria.filter((c) => !c.met)).map(describe).join('; ');
    const wording = met
      ? `The imaging criteria of ${trial.trial} are met (${detail}). ${DISCLAIMER}`
      : `The imaging criteria of ${trial.trial} are not met (${detail}). ${DISCLAIMER}`;
    return { trial: trial.trial, source: trial.source, met, criteria, wording };
  });
}
