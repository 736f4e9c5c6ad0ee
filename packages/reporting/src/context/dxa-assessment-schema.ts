import { z } from 'zod';
import { clinicalSchema, VERTEBRAE, type DxaAssessment } from '@quantrad/densitometry';

// The output of `quantrad dxa assess`, validated again where a report reads it: a hand-edited or
// truncated assessment is named field by field instead of printing a wrong report.

const side = z.enum(['left', 'right']).nullable();
const vertebra = z.enum(VERTEBRAE);
const scoreSource = z.union([z.literal('scanner'), z.templateLiteral(['reference:', z.string()])]);
const thresholds = z.strictObject({
  lowerAssessmentPercent: z.number(),
  interventionPercent: z.number(),
  upperAssessmentPercent: z.number(),
  veryHighRiskPercent: z.number(),
});

export const dxaAssessmentSchema = z.strictObject({
  exam: z.strictObject({
    date: z.iso.date(),
    sex: z.enum(['female', 'male']),
    menopause: z.enum(['pre', 'peri', 'post']).nullable(),
    ethnicity: z.string().nullable(),
    heightCm: z.number().positive().nullable(),
    weightKg: z.number().positive().nullable(),
    scanner: z
      .strictObject({
        id: z.string(),
        manufacturer: z.string().nullable(),
        model: z.string().nullable(),
        softwareVersion: z.string().nullable(),
      })
      .nullable(),
    technicalNotes: z.array(
      z.strictObject({ kind: z.string(), site: z.string().nullable(), side, note: z.string() }),
    ),
    priors: z.array(z.strictObject({ date: z.iso.date(), scannerId: z.string().nullable() })),
    clinical: clinicalSchema,
  }),
  population: z.enum(['adult_t_score', 'adult_z_score', 'paediatric']),
  populationReason: z.string(),
  ageYears: z.number().int().min(0),
  bmiKgM2: z.number().positive().nullable(),
  sites: z.array(
    z.strictObject({
      site: z.string(),
      side,
      bmdGcm2: z.number().positive(),
      bmcG: z.number().nullable(),
      areaCm2: z.number().nullable(),
      tScore: z.number().nullable(),
      zScore: z.number().nullable(),
      tScoreSource: scoreSource.nullable(),
      zScoreSource: scoreSource.nullable(),
      zScoreHeightAdjusted: z.number().nullable(),
      vertebraeUsed: z.array(vertebra).nullable(),
      compositeMethod: z.enum(['scanner', 'sum_bmc_over_sum_area', 'mean_of_vertebral_bmd']).nullable(),
      usable: z.boolean(),
      notUsableReason: z.string().nullable(),
    }),
  ),
  excludedVertebrae: z.array(
    z.strictObject({ vertebra, reason: z.string(), by: z.enum(['operator', 't_score_outlier']) }),
  ),
  classification: z
    .strictObject({
      scheme: z.enum(['who', 'z_score', 'paediatric']),
      category: z.enum([
        'normal',
        'low_bone_density',
        'osteoporosis',
        'within_expected_range',
        'below_expected_range',
      ]),
      site: z.string(),
      side,
      score: z.number(),
      scoreKind: z.enum(['t_score', 'z_score', 'z_score_height_adjusted']),
      reason: z.string(),
    })
    .nullable(),
  changes: z.array(
    z.strictObject({
      site: z.string(),
      side,
      sinceDate: z.iso.date(),
      priorBmdGcm2: z.number(),
      currentBmdGcm2: z.number(),
      changeGcm2: z.number(),
      changePercent: z.number(),
      changePercentPerYear: z.number(),
      lscGcm2: z.number().nullable(),
      comparable: z.boolean(),
      significant: z.boolean().nullable(),
      direction: z.enum(['loss', 'gain', 'no_significant_change', 'unknown']),
      note: z.string().nullable(),
    }),
  ),
  fractureRisk: z
    .strictObject({
      category: z.enum(['low', 'intermediate', 'high', 'very_high']).nullable(),
      tool: z.enum(['FRAX', 'QFracture']),
      withBmd: z.boolean(),
      majorOsteoporoticPercent: z.number(),
      hipPercent: z.number(),
      thresholdAgeYears: z.number().nullable(),
      thresholds: z.strictObject({ majorOsteoporotic: thresholds, hip: thresholds }).nullable(),
      thresholdTable: z.string(),
      thresholdsProvisional: z.boolean(),
      reasons: z.array(z.string()),
    })
    .nullable(),
  flags: z.array(
    z.strictObject({
      code: z.enum([
        'vfa_indicated',
        'low_z_score',
        'unexplained_bone_loss',
        'forearm_scan_indicated',
        'spine_reanalysis_needed',
      ]),
      reason: z.string(),
    }),
  ),
  followUp: z.strictObject({
    intervalYears: z.number().nullable(),
    basis: z.enum([
      'paediatric',
      'on_treatment',
      'treatment_to_be_considered',
      'bone_losing_medication',
      'periodic_reassessment',
    ]),
    reason: z.string(),
    source: z.string(),
    treatmentReview: z.strictObject({ text: z.string(), source: z.string() }).nullable(),
  }),
  warnings: z.array(z.string()),
});

/** The parsed assessment is exactly the engine's type: this fails to compile if the two drift apart. */
export function asDxaAssessment(parsed: z.infer<typeof dxaAssessmentSchema>): DxaAssessment {
  return parsed;
}
