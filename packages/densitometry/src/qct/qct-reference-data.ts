import { z } from 'zod';
import spineVertebraeJson from '../../data/qct-spine-vertebrae.json' with { type: 'json' };
import phantomQcJson from '../../data/qct-phantom-qc.json' with { type: 'json' };
import muscleJson from '../../data/qct-muscle.json' with { type: 'json' };

// QCT reference data (STYLE.md: reference data is data): each file carries its citation and is validated
// when loaded. Muscle cut points have their own loader in muscle-cut-points.ts, as a user may supply them.

const vertebraLabel = z
  .string()
  .regex(/^(T([1-9]|1[0-2])|L[1-5])$/, { error: 'must be a vertebra T1-T12 or L1-L5' });

const spineVertebraeSchema = z
  .strictObject({
    source: z.string().min(1),
    defaultPair: z.tuple([vertebraLabel, vertebraLabel]),
    vertebraeUsed: z.number().int().min(1),
    substitutesFrom: z.array(vertebraLabel).min(1),
    substitutionRule: z.string().min(1),
  })
  .refine((d) => d.defaultPair[0] !== d.defaultPair[1], { error: 'the default pair names two vertebrae' });

const phantomQcSchema = z.strictObject({
  source: z.string().min(1),
  deviationLimitPercent: z.number().positive(),
  minimumLimitMgCm3: z.number().positive(),
  baselineFromFirstMeasurements: z.number().int().min(1),
});

const huRange = z
  .strictObject({ min: z.number(), max: z.number() })
  .refine((r) => r.min < r.max, { error: 'min must be below max' });

const muscleSchema = z.strictObject({
  source: z.string().min(1),
  muscleHu: huRange,
  adiposeHu: huRange,
  caveats: z.strictObject({
    noConsensus: z.string().min(1),
    contrast: z.string().min(1),
    contrastUnknown: z.string().min(1),
  }),
});

/** Which vertebrae form the spine QCT mean (data/qct-spine-vertebrae.json). */
export const qctSpineVertebrae = spineVertebraeSchema.parse(spineVertebraeJson);
/** ACR QCT VI.B phantom QC limit and baseline length (data/qct-phantom-qc.json). */
export const qctPhantomQcRules = phantomQcSchema.parse(phantomQcJson);
/** HU ranges for muscle and adipose tissue on CT, and the ACR IV.H caveats (data/qct-muscle.json). */
export const qctMuscleReference = muscleSchema.parse(muscleJson);
