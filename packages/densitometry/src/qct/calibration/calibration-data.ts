import { z } from 'zod';
import phantomsJson from '../../../data/qct-phantoms.json' with { type: 'json' };
import limitsJson from '../../../data/qct-calibration-limits.json' with { type: 'json' };
import internalJson from '../../../data/qct-internal-calibration.json' with { type: 'json' };
import opportunisticJson from '../../../data/qct-opportunistic-l1-hu.json' with { type: 'json' };

// QCT calibration reference data (STYLE.md: data is data, with its source), validated when loaded so a
// mistyped file fails at start-up rather than shifting a BMD.

const material = z.enum(['K2HPO4', 'CaHA']);

const builtInPhantomSchema = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    manufacturer: z.string().min(1),
    material,
    rodCount: z.number().int().min(2),
    rodNames: z.array(z.string().min(1)),
    nominalRodsMgCm3: z.array(z.number()).nullable(),
    certificate: z.enum(['required', 'recommended']),
    certificateNote: z.string().min(1),
    waterCorrection: z
      .strictObject({ slopeOffsetHuPerMgCm3: z.number(), interceptOffsetHu: z.number() })
      .optional(),
  })
  .refine((p) => p.rodNames.length === p.rodCount, { error: 'rodNames must name each rod' })
  .refine((p) => p.nominalRodsMgCm3 === null || p.nominalRodsMgCm3.length === p.rodCount, {
    error: 'nominalRodsMgCm3 must give one density per rod',
  })
  .refine((p) => p.nominalRodsMgCm3 !== null || p.certificate === 'required', {
    error: 'a phantom without nominal densities must require its certificate',
  });

export type BuiltInPhantom = z.infer<typeof builtInPhantomSchema>;

const phantomFileSchema = z.strictObject({
  source: z.string().min(1),
  phantoms: z.array(builtInPhantomSchema).min(1),
});

const range = z.strictObject({ min: z.number(), max: z.number() });

export const calibrationLimitsSchema = z.strictObject({
  source: z.string().min(1),
  phantom: z.strictObject({
    minimumRods: z.number().int().min(2),
    minimumRodsForLinearity: z.number().int().min(3),
    minimumRodsForCurvature: z.number().int().min(4),
    minimumR2: z.number().min(0).max(1),
    minimumR2Rationale: z.string().min(1),
    maximumAbsResidualHu: z.number().positive(),
    maximumAbsResidualRationale: z.string().min(1),
    maximumCurvatureHu: z.number().positive(),
    maximumCurvatureRationale: z.string().min(1),
    interceptHu: range,
    interceptRationale: z.string().min(1),
  }),
  phantomless: z.strictObject({
    minimumR2: z.number().min(0).max(1),
    maximumAbsResidualHu: z.number().positive(),
    rationale: z.string().min(1),
  }),
  slopeHuPerMgCm3: z.strictObject({ K2HPO4: range, CaHA: range, rationale: z.string().min(1) }),
  stability: z.strictObject({
    referenceDensityMgCm3: z.number().positive(),
    maximumChangePercent: z.number().positive(),
    against: z.enum(['mean', 'last']),
    source: z.string().min(1),
  }),
  asynchronous: z.strictObject({
    noteWhenOlderThanDays: z.number().int().positive(),
    source: z.string().min(1),
  }),
});
export type CalibrationLimits = z.infer<typeof calibrationLimitsSchema>;

const tissue = z.strictObject({ equivalentMgCm3: z.number(), typicalHu: z.number().optional() });

/** A table of K2HPO4- or CaHA-equivalent densities of reference tissues for one tube voltage. */
export const internalCalibrationReferenceSchema = z.strictObject({
  status: z.enum(['provisional', 'published', 'site']),
  statusNote: z.string().optional(),
  source: z.string().min(1),
  material,
  kvp: z.number().positive(),
  tissues: z.strictObject({
    air: tissue.optional(),
    fat: tissue,
    muscle: tissue,
    blood: tissue.optional(),
  }),
  precisionNote: z.string().min(1),
});
export type InternalCalibrationReference = z.infer<typeof internalCalibrationReferenceSchema>;

const opportunisticSchema = z
  .strictObject({
    source: z.string().min(1),
    vertebra: z.literal('L1'),
    kvp: z.number().positive(),
    likelyOsteoporosisAtMostHu: z.number(),
    likelyOsteoporosisMeaning: z.string().min(1),
    osteoporosisUnlikelyAboveHu: z.number(),
    osteoporosisUnlikelyMeaning: z.string().min(1),
    kvpCaveat: z.string().min(1),
    kvpMismatchCaveat: z.string().min(1),
  })
  .refine((d) => d.likelyOsteoporosisAtMostHu < d.osteoporosisUnlikelyAboveHu, {
    error: 'the osteoporosis threshold must lie below the rule-out threshold',
  });
export type OpportunisticL1Thresholds = z.infer<typeof opportunisticSchema>;

export const phantomTable = phantomFileSchema.parse(phantomsJson);
export const defaultCalibrationLimits: CalibrationLimits = calibrationLimitsSchema.parse(limitsJson);
export const defaultInternalCalibrationReference: InternalCalibrationReference =
  internalCalibrationReferenceSchema.parse(internalJson);
export const opportunisticL1Thresholds: OpportunisticL1Thresholds =
  opportunisticSchema.parse(opportunisticJson);
