import { z } from 'zod';
import thresholdsJson from '../../data/lesion-thresholds.json' with { type: 'json' };

// Lesion thresholds and trial imaging criteria (STYLE.md: data is data, with its source), validated when
// loaded so a mistyped file fails at start-up rather than moving a core volume.

const fraction = z.number().gt(0).lt(1);

const coreSchema = z.strictObject({
  relativeCbfBelow: fraction,
  referenceStatistic: z.enum(['mean', 'median']),
  withinHypoperfusion: z.boolean(),
  rationale: z.string().min(1),
});

const hypoperfusionSchema = z
  .strictObject({
    tmaxAboveS: z.number().positive(),
    severeTmaxAboveS: z.number().positive(),
    rationale: z.string().min(1),
    tmaxDefinition: z.string().min(1),
    residuePeakDefinition: z.string().min(1),
  })
  .refine((h) => h.tmaxAboveS <= h.severeTmaxAboveS, {
    error: 'hypoperfusion tmaxAboveS must not exceed severeTmaxAboveS',
  });

const specksSchema = z.strictObject({
  minComponentMl: z.number().min(0),
  rationale: z.string().min(1),
});

const criterionSchema = z.strictObject({
  name: z.enum(['coreMl', 'mismatchMl', 'mismatchRatio', 'hypoperfusionMl']),
  operator: z.enum(['<', '<=', '>', '>=']),
  limit: z.number().min(0),
  unit: z.string(),
  label: z.string().min(1),
});

const trialCriteriaSchema = z.strictObject({
  trial: z.string().min(1),
  source: z.string().min(1),
  criteria: z.array(criterionSchema).min(1),
});

const lesionThresholdsSchema = z.strictObject({
  source: z.string().min(1),
  core: coreSchema,
  hypoperfusion: hypoperfusionSchema,
  specks: specksSchema,
  decisionCriteria: z.array(trialCriteriaSchema).min(1),
});

export type LesionThresholds = z.infer<typeof lesionThresholdsSchema>;
export type CoreThresholds = z.infer<typeof coreSchema>;
export type HypoperfusionThresholds = z.infer<typeof hypoperfusionSchema>;
export type TrialCriteria = z.infer<typeof trialCriteriaSchema>;
export type TrialCriterion = z.infer<typeof criterionSchema>;

/** data/lesion-thresholds.json, validated. */
export const lesionThresholds: LesionThresholds = lesionThresholdsSchema.parse(thresholdsJson);

/** Validates thresholds supplied by a caller (e.g. a site's configuration), naming the bad field. */
export function parseLesionThresholds(value: unknown): LesionThresholds {
  const result = lesionThresholdsSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.join('.') : '';
  throw new RangeError(`lesion thresholds: ${field || '(root)'}: ${issue?.message ?? 'invalid'}`);
}
