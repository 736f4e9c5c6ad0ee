import { z } from 'zod';
import cutPointsJson from '../../data/qct-muscle-cut-points.json' with { type: 'json' };

// Cut points for sarcopenia (low skeletal muscle index) and myosteatosis (low muscle attenuation) on CT
// (ACR QCT IV.H.5). A band applies to one sex (or both) and a BMI range [bmiAtLeastKgM2, bmiBelowKgM2).

const bmiBand = {
  bmiAtLeastKgM2: z.number().positive().optional(),
  bmiBelowKgM2: z.number().positive().optional(),
};

const smiBand = z.strictObject({
  sex: z.enum(['female', 'male']).optional(),
  ...bmiBand,
  belowCm2M2: z.number().positive(),
});

const huBand = z.strictObject({
  sex: z.enum(['female', 'male']).optional(),
  ...bmiBand,
  belowHu: z.number(),
});

function bandsOverlap(
  bands: readonly z.infer<typeof huBand>[] | readonly z.infer<typeof smiBand>[],
): boolean {
  return bands.some((a, i) =>
    bands.some(
      (b, j) =>
        i < j &&
        (a.sex === undefined || b.sex === undefined || a.sex === b.sex) &&
        (a.bmiAtLeastKgM2 ?? 0) < (b.bmiBelowKgM2 ?? Infinity) &&
        (b.bmiAtLeastKgM2 ?? 0) < (a.bmiBelowKgM2 ?? Infinity),
    ),
  );
}

/** A set of muscle cut points with its source; a user may supply their own in this shape. */
export const cutPointsSchema = z.strictObject({
  id: z.string().min(1),
  source: z.string().min(1, { error: 'must cite where the cut points come from' }),
  level: z.enum(['L3', 'L4']),
  population: z.string().min(1),
  smi: z
    .array(smiBand)
    .min(1)
    .refine((bands) => !bandsOverlap(bands), { error: 'two SMI bands cover the same sex and BMI' }),
  muscleHu: z
    .array(huBand)
    .refine((bands) => !bandsOverlap(bands), { error: 'two muscle HU bands cover the same sex and BMI' }),
  differsFromAcr: z.string().optional(),
});

export type MuscleCutPoints = z.infer<typeof cutPointsSchema>;

const cutPointSets = z.strictObject({ sets: z.array(cutPointsSchema).min(1) }).parse(cutPointsJson).sets;

function setById(id: string): MuscleCutPoints {
  const set = cutPointSets.find((s) => s.id === id);
  if (set === undefined) throw new Error(`data/qct-muscle-cut-points.json: no cut point set "${id}"`);
  return set;
}

/** Martin L et al. J Clin Oncol 2013;31:1539-1547: the default L3 cut points. */
export const martin2013: MuscleCutPoints = setById('martin2013');
/** Prado CM et al. Lancet Oncol 2008;9:629-635: L3 SMI cut points derived in obese patients. */
export const prado2008: MuscleCutPoints = setById('prado2008');
/** Every cut point set shipped with quantrad. */
export const muscleCutPointSets: readonly MuscleCutPoints[] = cutPointSets;
