import { questionnaireSchema, SCAN_SITES } from '@quantrad/store';
import { z } from 'zod';

export const scanVisitSchema = z.strictObject({
  appointmentId: z.uuid(),
  /** ROS 4.5: name, date of birth, address and the correct examination, each confirmed. */
  identity: z.strictObject({
    name: z.boolean(),
    birthDate: z.boolean(),
    address: z.boolean(),
    examination: z.boolean(),
  }),
  pregnancy: z.strictObject({
    childBearingCapacity: z.boolean(),
    status: z.enum(['not_pregnant', 'possibly_pregnant', 'pregnant', 'not_applicable']),
    lastMenstrualPeriod: z.iso.date().nullable().default(null),
    signedBy: z.string().trim().min(1).max(200).nullable().default(null),
  }),
  questionnaire: questionnaireSchema.default({}),
  heightCm: z.number().min(40).max(250).nullable().default(null),
  weightKg: z.number().min(2).max(400).nullable().default(null),
  consent: z.boolean(),
  contraindications: z.strictObject({
    recentNuclearMedicine: z.boolean(),
    recentContrast: z.boolean(),
    metalwork: z.string().trim().max(500).nullable().default(null),
  }),
  sitesScanned: z.array(z.enum(SCAN_SITES)).default([]),
  repeatOrExtraScans: z.string().max(1000).nullable().default(null),
  operatorNotes: z.string().max(2000).nullable().default(null),
  notScannedReason: z.string().trim().min(1).max(1000).optional(),
});

export type ScanVisitInput = z.input<typeof scanVisitSchema>;
