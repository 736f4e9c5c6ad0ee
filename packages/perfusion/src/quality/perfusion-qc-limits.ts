import { z } from 'zod';
import qcJson from '../../data/perfusion-qc.json' with { type: 'json' };

// Quality-check limits (STYLE.md: data is data, with its source), validated when loaded so a mistyped file
// fails at start-up rather than passing a study it should not.

const rationale = z.string().min(1);
const positive = z.number().positive();

const perfusionQcSchema = z.strictObject({
  source: z.string().min(1),
  motion: z.strictObject({ maxExcludedFractionForWarn: z.number().min(0).max(1), rationale }),
  baseline: z
    .strictObject({
      passMinFrames: z.number().int().min(1),
      warnMinFrames: z.number().int().min(0),
      rationale,
    })
    .refine((b) => b.warnMinFrames <= b.passMinFrames, { error: 'baseline warnMinFrames > passMinFrames' }),
  aifPeak: z
    .strictObject({ failBelowDeltaHu: positive, warnBelowDeltaHu: positive, rationale })
    .refine((a) => a.failBelowDeltaHu <= a.warnBelowDeltaHu, {
      error: 'aifPeak failBelowDeltaHu > warnBelowDeltaHu',
    }),
  aifNoise: z
    .strictObject({ failBelowPeakToNoise: positive, warnBelowPeakToNoise: positive, rationale })
    .refine((a) => a.failBelowPeakToNoise <= a.warnBelowPeakToNoise, {
      error: 'aifNoise failBelowPeakToNoise > warnBelowPeakToNoise',
    }),
  acquisition: z
    .strictObject({ minDurationS: positive, maxDurationS: positive, rationale })
    .refine((a) => a.minDurationS <= a.maxDurationS, { error: 'acquisition minDurationS > maxDurationS' }),
  kvp: z
    .strictObject({ min: positive, max: positive, rationale })
    .refine((k) => k.min <= k.max, { error: 'kvp min > max' }),
  exposure: z
    .strictObject({ minMas: positive, maxMas: positive, rationale })
    .refine((e) => e.minMas <= e.maxMas, { error: 'exposure minMas > maxMas' }),
  ctdiVol: z.strictObject({ alertLevelMgy: positive, rationale }),
  modelFit: z.strictObject({ warnAboveFallbackFraction: z.number().min(0).max(1), rationale }),
});

export type PerfusionQcLimits = z.infer<typeof perfusionQcSchema>;

/** data/perfusion-qc.json, validated. */
export const perfusionQcLimits: PerfusionQcLimits = perfusionQcSchema.parse(qcJson);
