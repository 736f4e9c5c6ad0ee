import type { ExamInput } from './schema/exam-input.ts';
import type { AssessedSite } from './types/assessed-site.ts';
import type { DxaAssessment } from './types/dxa-assessment.ts';
import { defaultNoggThresholds, type NoggThresholdTable } from './reference/reference-data.ts';
import { ageInYears } from './rules/age.ts';
import { classificationScore } from './rules/classification-score.ts';
import { classifyBmd } from './rules/classify-bmd.ts';
import { recommendFollowUp } from './rules/follow-up.ts';
import { forearmIndications } from './rules/forearm.ts';
import { classifyFractureRisk } from './rules/fracture-risk.ts';
import { boneLossFlags, lowZScoreFlags, vfaFlags } from './rules/further-investigation.ts';
import { summariseExam } from './rules/exam-summary.ts';
import { decidePopulation } from './rules/population.ts';
import { roundTo } from './rules/round-score.ts';
import { scoreSite } from './rules/score-site.ts';
import { serialChanges } from './rules/serial-change.ts';
import {
  bmiWarnings,
  bodyMassIndex,
  exclusionWarnings,
  technicalNoteWarnings,
  weightChangeWarnings,
} from './rules/validity-warnings.ts';
import { assessSpine } from './spine/assess-spine.ts';
import { findExcludedVertebrae } from './spine/vertebral-exclusion.ts';
import { isCompositeOf, vertebraeOf } from './schema/site-label.ts';

export interface AssessOptions {
  /** A service's NOGG threshold table (e.g. the published NOGG 2024 table) in place of the shipped one. */
  noggThresholds?: NoggThresholdTable;
}

const HIP_SITES = new Set(['total_hip', 'femoral_neck']);

/**
 * The whole DXA assessment of one validated exam, as a chain of small steps (population → scores →
 * spine exclusions → classification → serial change → fracture risk → flags → follow-up), each a pure
 * function tested on its own.
 */
export function assessExam(input: ExamInput, options: AssessOptions = {}): DxaAssessment {
  const ageYears = ageInYears(input.patient.birthDate, input.exam.date);
  const population = decidePopulation(input.patient, ageYears);
  const context = {
    population: population.population,
    scanner: input.exam.scanner,
    references: input.references ?? [],
    sex: input.patient.sex,
    ageYears,
  };
  const warnings: string[] = [...population.warnings];

  const exclusions = findExcludedVertebrae(
    input.exam.sites,
    input.exam.excludedVertebrae ?? [],
    population.population !== 'paediatric',
  );
  const excludedVertebrae = exclusions.excluded;
  const spine = assessSpine(input.exam.sites, excludedVertebrae, context);
  const otherSites = input.exam.sites
    .filter((s) => vertebraeOf(s.site) === null)
    .map((s) => scoreSite(s, context));
  const sites: AssessedSite[] = [...spine.sites, ...otherSites];

  const hasScore = (s: AssessedSite): boolean => classificationScore(s, population.population) !== null;
  const usableHips = otherSites.filter((s) => HIP_SITES.has(s.site) && s.usable);
  const hips = usableHips.filter(hasScore);
  const radius = otherSites.find((s) => s.site === 'radius_33' && s.usable && hasScore(s));
  const spineMeasured = spine.sites.some((s) => s.usable && isCompositeOf(s.vertebraeUsed));
  const forearmReasons =
    population.population === 'paediatric'
      ? []
      : forearmIndications(input, spineMeasured, usableHips.length > 0);
  const scoreName = population.population === 'adult_t_score' ? 'T-score' : 'Z-score';
  for (const hip of usableHips.filter((s) => !hasScore(s))) {
    const why =
      population.population === 'adult_t_score'
        ? ` (no reference configured for ${input.exam.scanner?.manufacturer ?? 'an unrecorded manufacturer'})`
        : '';
    warnings.push(
      `${hip.side ? `${hip.side} ` : ''}${hip.site} has no ${scoreName}${why}: not used for classification`,
    );
  }
  const paediatricHipsOnly =
    population.population === 'paediatric' && spine.chosen === null && hips.length > 0;
  const classificationSites = [
    ...(spine.chosen ? [spine.chosen] : []),
    // ISCD Pediatric 2019: PA spine (and total body less head) in children; the hip only without a spine.
    ...(population.population !== 'paediatric' || paediatricHipsOnly ? hips : []),
    ...(forearmReasons.length > 0 && radius ? [radius] : []),
  ];
  if (paediatricHipsOnly) {
    warnings.push(
      'no usable spine: the proximal femur classifies, which ISCD Pediatric 2019 reserves for children with reduced weight-bearing',
    );
  }
  const classification = classifyBmd(classificationSites, population.population);

  const flags = [...spine.flags];
  if (forearmReasons.length > 0 && !radius) {
    flags.push({
      code: 'forearm_scan_indicated',
      reason: `measure the 33% radius: ${forearmReasons.join('; ')} (ISCD 2019)`,
    });
  } else if (forearmReasons.length > 0 && classification?.site === 'radius_33') {
    warnings.push(`33% radius used: ${forearmReasons.join('; ')} (ISCD 2019)`);
  }
  for (const s of otherSites.filter((site) => !site.usable)) {
    warnings.push(
      `${s.side ? `${s.side} ` : ''}${s.site} not used: ${s.notUsableReason ?? 'not interpretable'}`,
    );
  }
  if (classification === null) {
    warnings.push(
      `not classified: no usable spine composite, hip or indicated forearm site has a ${scoreName}`,
    );
  }
  if (
    population.population === 'paediatric' &&
    input.patient.heightForAgeZ !== undefined &&
    !classificationSites.some((s) => s.zScoreHeightAdjusted !== null)
  ) {
    warnings.push(
      'height-for-age recorded but no height-adjusted Z-score given: Z-scores are not adjusted for height (ISCD Pediatric 2019)',
    );
  }

  const serial = serialChanges(input, sites);
  const bmiKgM2 = bodyMassIndex(input.patient.heightCm, input.patient.weightKg);
  // NOGG's T-score indicator reads the spine and hip, not the forearm.
  const spineAndHipTScores = classificationSites
    .filter((site) => site.site !== 'radius_33')
    .map((site) => site.tScore)
    .filter((t): t is number => t !== null);
  const lowestTScore =
    population.population === 'adult_t_score' && spineAndHipTScores.length > 0
      ? Math.min(...spineAndHipTScores)
      : null;
  const fractureRisk =
    input.fractureRisk === undefined || population.population === 'paediatric'
      ? null
      : classifyFractureRisk(
          input.fractureRisk,
          ageYears,
          lowestTScore,
          input.clinical,
          options.noggThresholds ?? defaultNoggThresholds,
        );
  if (input.fractureRisk !== undefined && population.population === 'paediatric') {
    warnings.push('fracture probability not categorised: FRAX and NOGG thresholds do not apply to children');
  }

  const investigation = {
    input,
    population: population.population,
    ageYears,
    classificationSites,
    changes: serial.changes,
  };
  flags.push(...vfaFlags(investigation), ...lowZScoreFlags(investigation), ...boneLossFlags(investigation));

  warnings.push(
    ...exclusionWarnings(excludedVertebrae),
    ...exclusions.warnings,
    ...spine.warnings,
    ...technicalNoteWarnings(input),
    ...serial.warnings,
    ...weightChangeWarnings(input),
    // The WHO BMI classes are adult classes; children are judged by BMI-for-age, which is not modelled.
    ...(population.population === 'paediatric' ? [] : bmiWarnings(bmiKgM2)),
  );

  return {
    exam: summariseExam(input),
    population: population.population,
    populationReason: population.reason,
    ageYears,
    bmiKgM2: bmiKgM2 === null ? null : roundTo(bmiKgM2, 1),
    sites,
    excludedVertebrae,
    classification,
    changes: serial.changes,
    fractureRisk,
    flags,
    followUp: recommendFollowUp(input, population.population, fractureRisk, classification),
    warnings,
  };
}
