import { z } from 'zod';
import { qctPopulation } from '@quantrad/densitometry';
import { InputError } from '../../io/input-error.ts';

/** Who was scanned, when the CLI is told: decides whether mg/cm³ categories or Z-scores apply (ACR QCT IV.C–E). */
export interface PatientOptions {
  sex?: string;
  age?: string;
  menopause?: string;
  zScore?: string;
}

const patientOptionsSchema = z.object({
  sex: z.enum(['female', 'male'], { error: '--sex: must be female or male' }),
  age: z.coerce
    .number({ error: '--age: must be a number of years' })
    .int({ error: '--age: must be whole years' })
    .min(0)
    .max(120),
  menopause: z.enum(['pre', 'peri', 'post'], { error: '--menopause: must be pre, peri or post' }).optional(),
});

export function resolvePatientOptions(options: PatientOptions): ReturnType<typeof qctPopulation> | undefined {
  if (options.sex === undefined && options.age === undefined) {
    if (options.menopause !== undefined || options.zScore !== undefined)
      throw new InputError('--menopause and --z-score need --sex and --age');
    return undefined;
  }
  const parsed = patientOptionsSchema.safeParse(options);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? 'invalid patient options');
  if (options.zScore !== undefined && !Number.isFinite(Number(options.zScore)))
    throw new InputError('--z-score: must be a number');
  const { sex, age, menopause } = parsed.data;
  return qctPopulation({ sex, ...(menopause === undefined ? {} : { menopause }) }, age);
}
