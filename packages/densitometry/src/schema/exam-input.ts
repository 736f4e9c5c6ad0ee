import { z } from 'zod';
import { ageInYears } from '../rules/age.ts';
import { isKnownSite, labelOfVertebrae, vertebraeOf, VERTEBRAE } from './site-label.ts';

// The `quantrad dxa assess` input contract (issue 2). Every field a service sends is validated here,
// so a bad value is reported with its path instead of turning into a wrong number.

/** No living patient is older; a birth date beyond it is a typing error. */
const MAXIMUM_AGE_YEARS = 120;

const isoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
const side = z.enum(['left', 'right']);

export const siteLabelSchema = z.string().refine(isKnownSite, {
  error: 'must be L1..L4, a spine composite such as L1-L4 or L1-L2,L4, total_hip, femoral_neck or radius_33',
});

const siteMeasurementFields = z.strictObject({
  site: siteLabelSchema,
  side: side.optional(),
  bmdGcm2: z.number().positive().max(3, { error: 'must be at most 3 g/cm² (is it in mg/cm²?)' }),
  bmcG: z.number().positive().optional(),
  areaCm2: z.number().positive().optional(),
  tScore: z.number().min(-10).max(10).optional(),
  zScore: z.number().min(-10).max(10).optional(),
  zScoreHeightAdjusted: z.number().min(-10).max(10).optional(),
  notInterpretableReason: z.string().min(1).optional(),
});

export const siteMeasurementSchema = siteMeasurementFields.refine(
  (m) => m.side === undefined || vertebraeOf(m.site) === null,
  {
    error: 'a lumbar spine site has no side',
    path: ['side'],
  },
);

/** One key per measured region: "L1-L4" and "L1,L2,L3,L4" are the same composite. */
function regionKey(site: string, side: string | undefined): string {
  const vertebrae = vertebraeOf(site);
  return `${vertebrae === null ? site : labelOfVertebrae(vertebrae)}/${side ?? ''}`;
}

function checkSitesUnique(
  sites: readonly { site: string; side?: string | undefined }[],
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  sites.forEach((s, i) => {
    const key = regionKey(s.site, s.side);
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'site'],
        message: `${s.site}${s.side ? ` ${s.side}` : ''} is given twice`,
      });
    }
    seen.add(key);
  });
}

function checkExclusionsUnique(
  exclusions: readonly { vertebra: string }[],
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  exclusions.forEach((e, i) => {
    if (seen.has(e.vertebra))
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'vertebra'],
        message: `${e.vertebra} is excluded twice`,
      });
    seen.add(e.vertebra);
  });
}

export const excludedVertebraSchema = z.strictObject({
  vertebra: z.enum(VERTEBRAE),
  reason: z.string().min(1, { error: 'must say why the vertebra is excluded' }),
});

export const technicalNoteSchema = z.strictObject({
  kind: z.enum(['artefact', 'positioning', 'movement', 'other']),
  site: siteLabelSchema.optional(),
  side: side.optional(),
  note: z.string().min(1),
});

const scannerSchema = z.strictObject({
  id: z.string().min(1),
  manufacturer: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  softwareVersion: z.string().min(1).optional(),
  tableLimitKg: z.number().positive().optional(),
});

const priorExamSchema = z.strictObject({
  date: isoDate,
  scannerId: z.string().min(1).optional(),
  weightKg: z.number().positive().max(400).optional(),
  sites: z.array(siteMeasurementSchema),
  excludedVertebrae: z.array(excludedVertebraSchema).optional(),
});

const lscSchema = z.strictObject({
  scannerId: z.string().min(1),
  site: z.union([siteLabelSchema, z.literal('spine')]),
  side: side.optional(),
  lscGcm2: z.number().positive().max(0.5),
});

const bmdTScorePairSchema = z.strictObject({ bmdGcm2: z.number().positive(), tScore: z.number() });

const referenceSchema = z
  .strictObject({
    id: z.string().min(1),
    source: z.string().min(1),
    site: siteLabelSchema,
    /** t_score (young-adult reference, the default) or z_score (age- and sex-matched). */
    score: z.enum(['t_score', 'z_score']).optional(),
    scannerId: z.string().min(1).optional(),
    sex: z.enum(['female', 'male']).optional(),
    ageFromYears: z.number().min(0).optional(),
    ageToYears: z.number().min(0).optional(),
    meanGcm2: z.number().positive().optional(),
    sdGcm2: z.number().positive().optional(),
    pairs: z.tuple([bmdTScorePairSchema, bmdTScorePairSchema]).optional(),
  })
  .refine((r) => (r.meanGcm2 !== undefined && r.sdGcm2 !== undefined) !== (r.pairs !== undefined), {
    error: 'give either meanGcm2 and sdGcm2, or two (bmdGcm2, tScore) pairs',
  })
  .refine(
    // The T-score rises with BMD: two pairs define a reference only if the higher BMD has the higher T.
    (r) =>
      r.pairs === undefined ||
      (r.pairs[0].bmdGcm2 - r.pairs[1].bmdGcm2) * (r.pairs[0].tScore - r.pairs[1].tScore) > 0,
    {
      error: 'the two (bmdGcm2, tScore) pairs must differ, with the higher BMD having the higher T-score',
      path: ['pairs'],
    },
  )
  .refine(
    (r) =>
      r.score !== 'z_score' ||
      (r.pairs === undefined &&
        r.ageFromYears !== undefined &&
        r.ageToYears !== undefined &&
        r.ageFromYears <= r.ageToYears),
    {
      error: 'a z_score reference needs meanGcm2, sdGcm2 and an age band (ageFromYears ≤ ageToYears)',
      path: ['score'],
    },
  );

const crossCalibrationFields = z.strictObject({
  fromScannerId: z.string().min(1),
  toScannerId: z.string().min(1),
  site: z.union([siteLabelSchema, z.literal('spine')]).optional(),
  slope: z.number().positive(),
  interceptGcm2: z.number(),
  /** LSC between the two scanners from the cross-calibration study, when it was computed. */
  lscGcm2: z.number().positive().max(0.5).optional(),
  source: z.string().min(1).optional(),
});
const crossCalibrationSchema = crossCalibrationFields.refine((c) => c.fromScannerId !== c.toScannerId, {
  error: 'a cross-calibration joins two different scanners',
  path: ['toScannerId'],
});

export const clinicalSchema = z.strictObject({
  heightLossCm: z.number().min(0).max(50).optional(),
  glucocorticoidMgPerDay: z.number().min(0).max(1000).optional(),
  glucocorticoidMonths: z.number().min(0).optional(),
  priorFragilityFracture: z.boolean().optional(),
  vertebralFractures: z.number().int().min(0).max(20).optional(),
  monthsSinceVertebralFracture: z.number().min(0).optional(),
  suspectedVertebralFracture: z.boolean().optional(),
  hyperparathyroidism: z.boolean().optional(),
  onOsteoporosisTreatment: z.boolean().optional(),
  boneLosingMedication: z
    .array(z.enum(['glucocorticoid', 'aromatase_inhibitor', 'androgen_deprivation', 'other']))
    .optional(),
});

export const fractureRiskSchema = z
  .strictObject({
    tool: z.enum(['FRAX', 'QFracture']),
    withBmd: z.boolean(),
    majorOsteoporoticPercent: z.number().min(0).max(100),
    hipPercent: z.number().min(0).max(100),
  })
  .refine((r) => r.hipPercent <= r.majorOsteoporoticPercent, {
    error: 'cannot exceed majorOsteoporoticPercent: hip fracture is one of the major osteoporotic fractures',
    path: ['hipPercent'],
  });

const patientSchema = z.strictObject({
  sex: z.enum(['female', 'male']),
  birthDate: isoDate,
  menopause: z.enum(['pre', 'peri', 'post']).optional(),
  ethnicity: z.string().min(1).optional(),
  heightCm: z.number().min(30).max(250).optional(),
  weightKg: z.number().min(2).max(400).optional(),
  heightForAgeZ: z.number().min(-8).max(8).optional(),
});

export const examInputSchema = z
  .strictObject({
    patient: patientSchema,
    exam: z.strictObject({
      date: isoDate,
      scanner: scannerSchema.optional(),
      sites: z.array(siteMeasurementSchema).min(1, { error: 'must hold at least one measured site' }),
      excludedVertebrae: z.array(excludedVertebraSchema).optional(),
      technicalNotes: z.array(technicalNoteSchema).optional(),
    }),
    priors: z.array(priorExamSchema).optional(),
    lsc: z.array(lscSchema).optional(),
    references: z.array(referenceSchema).optional(),
    crossCalibrations: z.array(crossCalibrationSchema).optional(),
    clinical: clinicalSchema.optional(),
    fractureRisk: fractureRiskSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.exam.date < input.patient.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['exam', 'date'], message: 'is before the patient was born' });
    }
    checkSitesUnique(input.exam.sites, ['exam', 'sites'], ctx);
    checkExclusionsUnique(input.exam.excludedVertebrae ?? [], ['exam', 'excludedVertebrae'], ctx);
    (input.priors ?? []).forEach((p, i) => {
      checkSitesUnique(p.sites, ['priors', i, 'sites'], ctx);
      checkExclusionsUnique(p.excludedVertebrae ?? [], ['priors', i, 'excludedVertebrae'], ctx);
    });
    if (input.patient.sex === 'male' && input.patient.menopause !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['patient', 'menopause'], message: 'applies to women only' });
    }
    if (ageInYears(input.patient.birthDate, input.exam.date) > MAXIMUM_AGE_YEARS) {
      ctx.addIssue({
        code: 'custom',
        path: ['patient', 'birthDate'],
        message: `makes the patient older than ${MAXIMUM_AGE_YEARS} years: check it`,
      });
    }
    (input.priors ?? []).forEach((p, i) => {
      if (p.date >= input.exam.date) {
        ctx.addIssue({
          code: 'custom',
          path: ['priors', i, 'date'],
          message: 'must be before the exam date',
        });
      }
    });
  });

export type ExamInput = z.infer<typeof examInputSchema>;
export type SiteMeasurement = z.infer<typeof siteMeasurementSchema>;
export type PriorExam = z.infer<typeof priorExamSchema>;
export type LscEntry = z.infer<typeof lscSchema>;
export type ReferenceInput = z.infer<typeof referenceSchema>;
export type CrossCalibration = z.infer<typeof crossCalibrationSchema>;
export type ClinicalInput = z.infer<typeof clinicalSchema>;
export type FractureRiskInput = z.infer<typeof fractureRiskSchema>;
export type ExcludedVertebraInput = z.infer<typeof excludedVertebraSchema>;
export type Side = z.infer<typeof side>;
