import { REFERRAL_METHODS, REFERRAL_SOURCES, RETURN_REASONS } from '@quantrad/store';
import { z } from 'zod';

export const patientInputSchema = z.strictObject({
  identifierSystem: z.string().min(1).default('https://fhir.nhs.uk/Id/nhs-number'),
  identifier: z.string().min(1).max(64),
  familyName: z.string().min(1).max(200),
  givenNames: z.string().min(1).max(200),
  birthDate: z.iso.date(),
  address: z.string().min(1).max(500),
  postcode: z.string().max(16).nullable().default(null),
  /** The sex the reference data and FRAX use. */
  sex: z.enum(['female', 'male']),
  gender: z.string().max(100).nullable().default(null),
  pronouns: z.string().max(50).nullable().default(null),
  ethnicity: z.string().max(100).nullable().default(null),
  phone: z.string().max(50).nullable().default(null),
  /** The patient's registered GP and practice address, for a copy of the report (ROS 4.6). */
  registeredGp: z.string().trim().min(1).max(500).nullable().default(null),
});

/** A referral as received (ROS 4.3: entitled referrer, required clinical information, signed). */
export const newReferralSchema = z.strictObject({
  patient: patientInputSchema,
  referrerId: z.uuid(),
  source: z.enum(REFERRAL_SOURCES),
  examination: z.enum(['dxa', 'qct']),
  indications: z.array(z.string().min(1)).default([]),
  clinicalInformation: z
    .string()
    .trim()
    .min(10, { error: 'the referrer must give the clinical question and history (ROS 4.3)' })
    .max(5000),
  signedByReferrer: z.boolean(),
  /** The referrer asks for the report to be copied to the patient's GP (ROS 4.6). */
  copyReportToGp: z.boolean().default(false),
  method: z.enum(REFERRAL_METHODS),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export type NewReferral = z.input<typeof newReferralSchema>;

export const authoriseReferralSchema = z.strictObject({
  referralId: z.uuid(),
  basis: z.enum(['practitioner_justified', 'operator_under_written_criteria']),
  note: z.string().max(2000).optional(),
});

export const returnReferralSchema = z.strictObject({
  referralId: z.uuid(),
  reason: z.enum(RETURN_REASONS),
  note: z.string().trim().min(1, { error: 'say what the referrer must add or change' }).max(2000),
});

export const cancelReferralSchema = z.strictObject({
  referralId: z.uuid(),
  reason: z.string().trim().min(1, { error: 'give the reason for cancelling' }).max(2000),
});
