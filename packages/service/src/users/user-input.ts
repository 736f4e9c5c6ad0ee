import { ROLES } from '@quantrad/store';
import { z } from 'zod';

export const entitlementInputSchema = z.strictObject({
  role: z.enum(ROLES),
  scope: z.string().min(1).default('*'),
  validFrom: z.iso.date(),
  validUntil: z.iso.date().nullable().default(null),
  note: z.string().max(500).nullable().default(null),
});

export type EntitlementInput = z.input<typeof entitlementInputSchema>;

export const newUserSchema = z.strictObject({
  username: z
    .string()
    .min(3)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, { error: 'use lower-case letters, digits, dot, dash or underscore' }),
  displayName: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
  entitlements: z.array(entitlementInputSchema).default([]),
});

export type NewUser = z.input<typeof newUserSchema>;
