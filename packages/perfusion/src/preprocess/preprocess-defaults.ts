import { z } from 'zod';
import defaultsJson from '../../data/preprocess-defaults.json' with { type: 'json' };

// Pre-processing thresholds (STYLE.md: data is data, with its source), validated when loaded so a mistyped
// file fails at start-up rather than moving a mask or an arrival frame.

const positive = z.number().positive();

const arrivalSchema = z.strictObject({
  sdMultiplier: positive,
  riseFractionOfPeak: z.number().min(0).max(1),
  minimumRiseHu: z.number().min(0),
  minimumBaselineFrames: z.number().int().min(1),
  baselineMarginFrames: z.number().int().min(0),
  rationale: z.string().min(1),
});

const brainMaskSchema = z
  .strictObject({
    airMaxHu: z.number(),
    skullMinHu: z.number(),
    csfMaxHu: z.number(),
    tissueMaxHu: z.number(),
    vesselPeakDeltaHu: positive,
    rationale: z.string().min(1),
  })
  .refine((m) => m.airMaxHu < m.csfMaxHu && m.csfMaxHu < m.tissueMaxHu && m.tissueMaxHu <= m.skullMinHu, {
    error: 'brainMask thresholds must rise: airMaxHu < csfMaxHu < tissueMaxHu <= skullMinHu',
  });

/** The motion section (exported for its tests). */
export const motionSchema = z
  .strictObject({
    okMaxMm: z.number().min(0),
    correctMaxMm: positive,
    sphereRadiusMm: positive,
    registrationFloorHu: z.number(),
    throughPlaneMinSignalToNoise: positive,
    throughPlaneJointRounds: z.number().int().min(0),
    throughPlaneInPlaneStepStartMm: positive,
    throughPlaneInPlaneStepStopMm: positive,
    rationale: z.string().min(1),
  })
  .refine((m) => m.okMaxMm <= m.correctMaxMm, { error: 'motion okMaxMm must not exceed correctMaxMm' })
  .refine((m) => m.throughPlaneInPlaneStepStopMm <= m.throughPlaneInPlaneStepStartMm, {
    error: 'motion throughPlaneInPlaneStepStopMm must not exceed throughPlaneInPlaneStepStartMm',
  });

const aifSchema = z.strictObject({
  clusterSize: z.number().int().min(1),
  maximumRiseAfterEarliestS: z.number().min(0),
  riseReferenceRank: z.number().int().min(1),
  minimumPeakDeltaHu: positive,
  minimumPeakToNoise: positive,
  maximumTailFractionOfPeak: z.number().min(0).max(1),
  rationale: z.string().min(1),
});

const vofSchema = z.strictObject({
  clusterSize: z.number().int().min(1),
  areaToleranceFraction: z.number().min(0).max(1),
  minimumDelayAfterAifS: z.number().min(0),
  minimumBaselineFramesToSplit: z.number().int().min(2),
  minimumPeakToNoise: positive,
  maximumTailFractionOfPeak: z.number().min(0).max(1),
  rationale: z.string().min(1),
});

const preprocessDefaultsSchema = z.strictObject({
  source: z.string().min(1),
  arrival: arrivalSchema,
  brainMask: brainMaskSchema,
  motion: motionSchema,
  aif: aifSchema,
  vof: vofSchema,
});

export type ArrivalRules = z.infer<typeof arrivalSchema>;
export type BrainMaskThresholds = z.infer<typeof brainMaskSchema>;
export type MotionLimits = z.infer<typeof motionSchema>;
export type AifRules = z.infer<typeof aifSchema>;
export type VofRules = z.infer<typeof vofSchema>;
export type PreprocessDefaults = z.infer<typeof preprocessDefaultsSchema>;

/** data/preprocess-defaults.json, validated. */
export const preprocessDefaults: PreprocessDefaults = preprocessDefaultsSchema.parse(defaultsJson);
