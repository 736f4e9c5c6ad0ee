import { z } from 'zod';

// The CT perfusion study a report is written from (ACR CTP V). Defined here; the perfusion engine
// (issue 8) fills it.

const curveSchema = z
  .strictObject({
    location: z.string().min(1),
    timesS: z.array(z.number().min(0)).min(2),
    enhancementHu: z.array(z.number()).min(2),
  })
  .refine((c) => c.timesS.length === c.enhancementHu.length, {
    error: 'timesS and enhancementHu must have the same length',
    path: ['enhancementHu'],
  });

export const perfusionStudySchema = z.strictObject({
  studyDate: z.iso.date(),
  scanner: z.strictObject({
    id: z.string().min(1),
    manufacturer: z.string().optional(),
    model: z.string().optional(),
  }),
  contrast: z.strictObject({
    agent: z.string().min(1),
    volumeMl: z.number().positive().max(300),
    injectionRateMlS: z.number().positive().max(20),
  }),
  motion: z.strictObject({
    observed: z.boolean(),
    description: z.string().min(1).optional(),
    impact: z.enum(['none', 'corrected', 'maps_degraded', 'maps_unreliable']),
  }),
  maps: z.array(z.enum(['CBF', 'CBV', 'MTT', 'TTP', 'Tmax'])).min(1),
  method: z.string().min(1),
  arterialCurve: curveSchema,
  venousCurve: curveSchema,
  volumes: z
    .strictObject({
      coreMl: z.number().min(0),
      coreDefinition: z.string().min(1),
      hypoperfusionMl: z.number().min(0),
      hypoperfusionDefinition: z.string().min(1),
    })
    .refine((v) => v.hypoperfusionMl >= v.coreMl, {
      error: 'hypoperfusionMl must be at least coreMl (the core lies inside the hypoperfused tissue)',
      path: ['hypoperfusionMl'],
    })
    .optional(),
  qualityWarnings: z.array(z.string().min(1)).default([]),
  ctdiVolMGy: z.number().positive(),
  dlpMGyCm: z.number().positive().optional(),
});

export type PerfusionStudy = z.infer<typeof perfusionStudySchema>;
