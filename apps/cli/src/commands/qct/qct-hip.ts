import { z } from 'zod';
import { assessCtxaHip, type CtxaSiteInput } from '@quantrad/densitometry';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import { resolvePatientOptions } from './patient-options.ts';

/** What the QCT software reports for the hip (CTXA): areal BMD in g/cm² and its scores (ACR QCT IV.C.1). */
const ctxaFileSchema = z.strictObject({
  patient: z.strictObject({
    sex: z.enum(['female', 'male']),
    ageYears: z.number().int().min(0).max(120),
    menopause: z.enum(['pre', 'peri', 'post']).optional(),
  }),
  sites: z
    .array(
      z.strictObject({
        site: z.enum(['femoral_neck', 'total_hip']),
        side: z.enum(['left', 'right']).optional(),
        bmdGcm2: z.number().positive().max(3, { error: 'must be at most 3 g/cm² (is it in mg/cm²?)' }),
        tScore: z.number().min(-10).max(10).optional(),
        zScore: z.number().min(-10).max(10).optional(),
      }),
    )
    .min(1, { error: 'must hold at least one CTXA hip site' }),
});

type CtxaFileSite = z.infer<typeof ctxaFileSchema>['sites'][number];

function definedSite({ side, tScore, zScore, ...site }: CtxaFileSite): CtxaSiteInput {
  return {
    ...site,
    ...(side === undefined ? {} : { side }),
    ...(tScore === undefined ? {} : { tScore }),
    ...(zScore === undefined ? {} : { zScore }),
  };
}

/**
 * `quantrad qct hip`: CTXA hip results classified as DXA is (ACR QCT IV.C.1): WHO category from the
 * T-score for postmenopausal women and men from 50, Z-scores otherwise (IV.D, IV.E); the femoral neck BMD
 * for FRAX.
 */
export async function qctHip(path: string, io: CliIo): Promise<void> {
  const file = await readJsonFile(path, ctxaFileSchema);
  const population = resolvePatientOptions({
    sex: file.patient.sex,
    age: String(file.patient.ageYears),
    ...(file.patient.menopause === undefined ? {} : { menopause: file.patient.menopause }),
  });
  if (population === undefined) throw new InputError(`${path}: patient: sex and ageYears are needed`);
  try {
    io.out(
      formatJson(assessCtxaHip({ sites: file.sites.map(definedSite), population: population.population })),
    );
  } catch (error) {
    throw new InputError(`${path}: ${(error as Error).message}`);
  }
}
