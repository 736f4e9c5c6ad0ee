import { z } from 'zod';

// The QCT study a report is written from (ACR QCT V). Defined here; the QCT engine (issue 7) fills it.

const side = z.enum(['left', 'right']);

export const qctStudySchema = z.strictObject({
  examDate: z.iso.date(),
  sex: z.enum(['female', 'male']),
  ageYears: z.number().int().min(0).max(120),
  /** Decided as for DXA (ISCD 2019): WHO T-score adults, Z-score adults, children. */
  population: z.enum(['adult_t_score', 'adult_z_score', 'paediatric']),
  scanner: z.strictObject({
    id: z.string().min(1),
    manufacturer: z.string().optional(),
    model: z.string().optional(),
  }),
  /** ACR QCT IV.B: how BMD was calibrated. */
  calibration: z.enum(['phantom', 'asynchronous', 'phantomless']),
  contrast: z.boolean(),
  /** CTXA hip: areal BMD comparable with DXA (ACR QCT IV.C.1). */
  hipSites: z
    .array(
      z.strictObject({
        site: z.enum(['femoral_neck', 'total_hip']),
        side: side.optional(),
        bmdGcm2: z.number().positive().max(3),
        tScore: z.number().min(-10).max(10).optional(),
        zScore: z.number().min(-10).max(10).optional(),
      }),
    )
    .default([]),
  spine: z
    .strictObject({
      vertebrae: z.string().min(1),
      trabecularBmdMgCm3: z
        .number()
        .positive()
        .max(400, { error: 'must be at most 400 mg/cm³ (is it in g/cm³?)' }),
      zScore: z.number().min(-10).max(10).optional(),
    })
    .optional(),
  priors: z
    .array(
      z.strictObject({
        date: z.iso.date(),
        site: z.enum(['spine', 'femoral_neck', 'total_hip']),
        side: side.optional(),
        value: z.number().positive(),
        /** ACR QCT IV.F, in decreasing validity. */
        comparability: z.enum([
          'same_unit',
          'same_manufacturer',
          'other_manufacturer_standardised',
          'not_comparable',
        ]),
        significant: z.boolean().nullable(),
      }),
    )
    .default([]),
  artefacts: z.array(z.string().min(1)).default([]),
  incidentalFindings: z.array(z.string().min(1)).default([]),
  muscle: z
    .strictObject({
      level: z.string().min(1),
      areaCm2: z.number().positive(),
      attenuationHu: z.number(),
      skeletalMuscleIndexCm2M2: z.number().positive().optional(),
    })
    .optional(),
  followUp: z.string().min(1).optional(),
});

export type QctStudy = z.infer<typeof qctStudySchema>;
