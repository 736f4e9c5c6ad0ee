import { z } from 'zod';

const text = z.string().trim().min(1).max(500);

export const reporterProfileSchema = z.strictObject({
  userId: z.uuid(),
  title: text,
  registrationBody: z.enum(['GMC', 'HCPC', 'NMC', 'GPhC', 'other']),
  registrationNumber: z.string().trim().min(1).max(50),
});

export const serviceDetailsSchema = z.strictObject({
  name: text,
  address: text,
  adviceLine: text.nullable().default(null),
  email: z.email().nullable().default(null),
  /** ROS 4.6: commissioned to copy every report to the patient's GP. */
  gpCopyCommissioned: z.boolean().default(false),
});

/** What the reporter adds to the referral's own record: fractures, treatments, risk factors (ROS App. 4C). */
export const reportReferralDetailsSchema = z.strictObject({
  fractures: z
    .array(
      z.strictObject({
        site: z.enum(['vertebra', 'hip', 'wrist', 'humerus', 'pelvis', 'rib', 'other']),
        description: text.optional(),
        date: z.iso.date().optional(),
        lowTrauma: z.boolean(),
      }),
    )
    .default([]),
  osteoporosisTreatments: z.array(text).default([]),
  supplements: z.array(text).default([]),
  fractureRiskFactors: z.array(text).default([]),
  fallsRiskFactors: z.array(text).default([]),
  fractureRiskAdjustments: z.array(text).default([]),
});

export const reportFindingsSchema = z.strictObject({
  vfa: z.strictObject({ summary: text }).optional(),
  bloodTests: z.array(z.strictObject({ test: text, result: text })).default([]),
  reporterComment: z.string().trim().min(1).max(5000).optional(),
});

export const draftReportSchema = z.strictObject({
  visitId: z.uuid(),
  referral: reportReferralDetailsSchema.default({
    fractures: [],
    osteoporosisTreatments: [],
    supplements: [],
    fractureRiskFactors: [],
    fallsRiskFactors: [],
    fractureRiskAdjustments: [],
  }),
  findings: reportFindingsSchema.default({ bloodTests: [] }),
});

export const reviseReportSchema = z.strictObject({
  reportId: z.uuid(),
  referral: reportReferralDetailsSchema.optional(),
  findings: reportFindingsSchema.optional(),
});

export const amendReportSchema = reviseReportSchema.extend({
  reason: z.string().trim().min(1, { error: 'an amendment gives its reason' }).max(2000),
});

export type DraftReportInput = z.input<typeof draftReportSchema>;
