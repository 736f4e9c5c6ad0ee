import { z } from 'zod';
import { pronounsSchema } from '../terminology/pronouns.ts';

// Who and what a report is about besides the numbers (ROS Appendix 4C introductory information and
// reasons for referral; the reporter block). Shared by the DXA, QCT and CT perfusion reports.

const text = z.string().trim().min(1);

export const patientContextSchema = z.strictObject({
  name: text,
  birthDate: z.iso.date(),
  address: text.optional(),
  identifier: z.strictObject({ system: text.optional(), label: text.optional(), value: text }),
  ethnicity: text.optional(),
  pronouns: pronounsSchema.optional(),
  /** Gender identity where recorded; the sex used for reference data is in the assessment. */
  gender: z.enum(['woman', 'man', 'non_binary', 'other']).optional(),
});

export const fractureSchema = z.strictObject({
  site: z.enum(['vertebra', 'hip', 'wrist', 'humerus', 'pelvis', 'rib', 'other']),
  description: text.optional(),
  date: z.iso.date().optional(),
  /** A fall from standing height or less (a fragility fracture). */
  lowTrauma: z.boolean(),
});

export const referralContextSchema = z.strictObject({
  referrer: z.strictObject({
    name: text,
    address: text.optional(),
    /** ROS 4.6: never recommend a specialist referral to a specialist. */
    role: z.enum(['gp', 'specialist', 'other']),
    specialty: text.optional(),
  }),
  date: z.iso.date().optional(),
  indications: z.array(text).default([]),
  fractures: z.array(fractureSchema).default([]),
  osteoporosisTreatments: z.array(text).default([]),
  supplements: z.array(text).default([]),
  fractureRiskFactors: z.array(text).default([]),
  fallsRiskFactors: z.array(text).default([]),
  /** Adjustments made to the fracture risk estimate, e.g. for a glucocorticoid dose (NOGG). */
  fractureRiskAdjustments: z.array(text).default([]),
});

export const serviceContextSchema = z.strictObject({
  name: text,
  address: text,
  adviceLine: text.optional(),
  email: text.optional(),
});

export const reporterContextSchema = z.strictObject({
  name: text,
  title: text,
  registrationBody: z.enum(['GMC', 'HCPC', 'NMC', 'GPhC', 'other']),
  registrationNumber: text,
});

export const findingsSchema = z.strictObject({
  vfa: z.strictObject({ summary: text }).optional(),
  bloodTests: z.array(z.strictObject({ test: text, result: text })).default([]),
  /** The reporter's own words, added to the interpretation (checked against the wording rules). */
  reporterComment: text.optional(),
});

export type PatientContext = z.infer<typeof patientContextSchema>;
export type ReferralContext = z.infer<typeof referralContextSchema>;
export type ServiceContext = z.infer<typeof serviceContextSchema>;
export type ReporterContext = z.infer<typeof reporterContextSchema>;
export type Findings = z.infer<typeof findingsSchema>;
export type Fracture = z.infer<typeof fractureSchema>;
