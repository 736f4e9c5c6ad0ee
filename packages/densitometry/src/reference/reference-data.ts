import { z } from 'zod';
import nhanes3Json from '../../data/nhanes3-hip-white-women-20-29.json' with { type: 'json' };
import whoJson from '../../data/who-1994-bmd-categories.json' with { type: 'json' };
import iscdAdultJson from '../../data/iscd-adult-2019.json' with { type: 'json' };
import iscdPaediatricJson from '../../data/iscd-paediatric-2019.json' with { type: 'json' };
import rosJson from '../../data/ros-2025.json' with { type: 'json' };
import bmiJson from '../../data/bmi-limits.json' with { type: 'json' };
import noggThresholdsJson from '../../data/nogg-thresholds-uk-frax-2008.json' with { type: 'json' };
import acrQctSpineJson from '../../data/acr-qct-spine-categories.json' with { type: 'json' };
import noggIndicatorsJson from '../../data/nogg-very-high-risk-indicators.json' with { type: 'json' };

// Reference data is data (STYLE.md): each file carries its citation and is validated when loaded, so a
// mistyped file fails loudly at start-up rather than shifting a T-score.

const meanSd = z.strictObject({ meanGcm2: z.number().positive(), sdGcm2: z.number().positive() });

export const hipReferenceSchema = z.strictObject({
  id: z.string(),
  source: z.string(),
  appliesTo: z.string(),
  scale: z.string(),
  sites: z.strictObject({ femoral_neck: meanSd, total_hip: meanSd }),
});

const whoSchema = z.strictObject({
  source: z.string(),
  tScoreNormalAtLeast: z.number(),
  tScoreOsteoporosisAtMost: z.number(),
  scoreDecimalPlaces: z.number().int(),
  scoreDecimalPlacesSource: z.string(),
});

const iscdAdultSchema = z.strictObject({
  source: z.string(),
  menUseTScoreFromAgeYears: z.number(),
  menUseTScoreFromAgeYearsSource: z.string(),
  unknownMenopauseAssumedPostFromAgeYears: z.number(),
  unknownMenopauseSource: z.string(),
  zScoreBelowExpectedRangeAtMost: z.number(),
  zScoreSource: z.string(),
  vertebraOutlierTScoreDifference: z.number(),
  vertebraOutlierSource: z.string(),
  minimumVertebraeForComposite: z.number().int(),
  minimumVertebraeSource: z.string(),
  lscMultiplier: z.number(),
  lscSource: z.string(),
  precisionMinimumDegreesOfFreedom: z.number().int(),
  precisionSource: z.string(),
  operatorMinimumPrecisionCvPercent: z.strictObject({
    spine: z.number().positive(),
    total_hip: z.number().positive(),
    femoral_neck: z.number().positive(),
  }),
  operatorMinimumPrecisionSource: z.string(),
  crossCalibrationMinimumPatients: z.number().int().positive(),
  crossCalibrationSource: z.string(),
  forearmSource: z.string(),
  vfa: z.strictObject({
    source: z.string(),
    heightLossGreaterThanCm: z.number(),
    tScoreBelow: z.number(),
    womenFromAgeYears: z.number(),
    menFromAgeYears: z.number(),
    glucocorticoidAtLeastMgPerDay: z.number(),
    glucocorticoidAtLeastMonths: z.number(),
  }),
});

const iscdPaediatricSchema = z.strictObject({
  source: z.string(),
  adultFromAgeYears: z.number(),
  adultFromAgeSource: z.string(),
  zScoreBelowExpectedRangeAtMost: z.number(),
  belowExpectedRangeTerm: z.string(),
  belowExpectedRangeTermSource: z.string(),
  followUpReason: z.string(),
  followUpSource: z.string(),
  heightAdjustmentSource: z.string(),
});

const followUpInterval = z.strictObject({ years: z.number(), reason: z.string(), source: z.string() });

const rosSchema = z.strictObject({
  source: z.string(),
  weightChangeWarningAtLeastKg: z.number(),
  weightChangeSource: z.string(),
  followUp: z.strictObject({
    treatmentMonitoring: followUpInterval,
    boneLosingMedication: followUpInterval,
    periodicReassessment: followUpInterval,
    treatmentReview: z.strictObject({ text: z.string(), source: z.string() }),
  }),
});

const bmiSchema = z.strictObject({
  source: z.string(),
  lowBelowKgM2: z.number(),
  highAtLeastKgM2: z.number(),
});

const thresholdPair = z.strictObject({
  lowerAssessmentPercent: z.number().min(0).max(100),
  interventionPercent: z.number().min(0).max(100),
});

/** A NOGG threshold table: exported so a service can load the published NOGG 2024 table in its place. */
export const noggThresholdTableSchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(['provisional', 'published']),
  statusNote: z.string().optional(),
  source: z.string().min(1),
  construction: z.strictObject({
    interventionThreshold: z.string(),
    lowerAssessmentThreshold: z.string(),
    upperAssessmentThresholdFactor: z.number().positive(),
    upperAssessmentThresholdSource: z.string(),
    veryHighRiskThresholdFactor: z.number().positive(),
    veryHighRiskThresholdSource: z.string(),
    constantFromAgeYears: z.number(),
    constantFromAgeSource: z.string(),
    betweenRows: z.string(),
  }),
  rows: z
    .array(
      z.strictObject({ ageYears: z.number().int(), majorOsteoporotic: thresholdPair, hip: thresholdPair }),
    )
    .min(1)
    .refine((rows) => new Set(rows.map((r) => r.ageYears)).size === rows.length, {
      error: 'each age appears once',
    })
    .refine(
      (rows) =>
        rows.every(
          (r) =>
            r.majorOsteoporotic.lowerAssessmentPercent <= r.majorOsteoporotic.interventionPercent &&
            r.hip.lowerAssessmentPercent <= r.hip.interventionPercent,
        ),
      { error: 'a lower assessment threshold cannot exceed the intervention threshold' },
    ),
});
export type NoggThresholdTable = z.infer<typeof noggThresholdTableSchema>;

const noggIndicatorsSchema = z.strictObject({
  status: z.enum(['provisional', 'published']),
  statusNote: z.string(),
  source: z.string(),
  recentVertebralFractureWithinMonths: z.number(),
  vertebralFracturesAtLeast: z.number().int(),
  tScoreAtMost: z.number(),
  glucocorticoidAtLeastMgPerDay: z.number(),
  glucocorticoidAtLeastMonths: z.number(),
  frax: z.strictObject({ minimumAgeYears: z.number(), maximumAgeYears: z.number(), source: z.string() }),
});

export const nhanes3HipReference = hipReferenceSchema.parse(nhanes3Json);
export const whoCategories = whoSchema.parse(whoJson);
export const iscdAdult = iscdAdultSchema.parse(iscdAdultJson);
export const iscdPaediatric = iscdPaediatricSchema.parse(iscdPaediatricJson);
export const rosGuideline = rosSchema.parse(rosJson);
export const bmiLimits = bmiSchema.parse(bmiJson);
export const defaultNoggThresholds = noggThresholdTableSchema.parse(noggThresholdsJson);
export const noggVeryHighRiskIndicators = noggIndicatorsSchema.parse(noggIndicatorsJson);

const acrQctSpineSchema = z.strictObject({
  source: z.string(),
  normalAboveMgCm3: z.number().positive(),
  osteoporosisBelowMgCm3: z.number().positive(),
});

/** ACR QCT IV.C.2 spine trabecular BMD cut points (data/acr-qct-spine-categories.json). */
export const acrQctSpineCategories = acrQctSpineSchema.parse(acrQctSpineJson);
