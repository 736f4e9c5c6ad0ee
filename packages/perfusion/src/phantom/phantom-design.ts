import { z } from 'zod';
import designJson from '../../data/digital-phantom.json' with { type: 'json' };

// The digital phantom's design (data/digital-phantom.json): the tile values after Kudo et al. Radiology
// 2013;267:201-211 and the quantrad defaults for the arterial and venous curves, baseline HU and layout.

const positive = z.number().positive();
const gammaVariateShape = z.object({ t0S: z.number().nonnegative(), alpha: positive, betaS: positive });

const designSchema = z.object({
  source: z.string().min(1),
  tiles: z.object({
    cbvMl100gBySlice: z.array(positive).min(1),
    cbfOverCbvPerMinByColumn: z.array(positive).min(1),
    delaySByRow: z.array(z.number().nonnegative()).min(1),
  }),
  aif: gammaVariateShape.extend({ peakDeltaHu: positive }),
  arterialPartialVolumeFactor: z.object({ value: z.number().positive().max(1) }),
  vof: gammaVariateShape,
  gammaResidue: z.object({ shape: z.int().positive() }),
  convolutionSubstepS: positive,
  baselineHu: z.object({
    tissue: z.number(),
    artery: z.number(),
    vein: z.number(),
    csf: z.number(),
    skull: z.number(),
    air: z.number(),
  }),
  layout: z.object({
    airVoxels: z.int().nonnegative(),
    skullVoxels: z.int().nonnegative(),
    csfMarginVoxels: z.int().positive(),
    arterialSideVoxels: z.int().positive(),
    venousSideVoxels: z.int().positive(),
    spacingMm: z.tuple([positive, positive, positive]),
  }),
});

/** The digital phantom's design as read from data/digital-phantom.json. */
export type DigitalPhantomDesign = z.infer<typeof designSchema>;

export const digitalPhantomDesign: DigitalPhantomDesign = designSchema.parse(designJson);
