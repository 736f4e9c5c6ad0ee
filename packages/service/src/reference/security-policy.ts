import { z } from 'zod';
import policyJson from '../../data/security-policy.json' with { type: 'json' };

const policySchema = z.strictObject({
  source: z.string(),
  lockout: z.strictObject({
    afterFailedSignIns: z.number().int().positive(),
    forMinutes: z.number().positive(),
  }),
  session: z.strictObject({
    absoluteHours: z.number().positive(),
    idleMinutes: z.number().positive(),
    /** How long one server process may reuse a session lookup (store: session-lookup-cache.ts). */
    lookupReuseMs: z.number().int().min(0).max(5000),
  }),
  totp: z.strictObject({
    issuer: z.string(),
    digits: z.number().int(),
    periodS: z.number().int(),
    algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
    windowSteps: z.number().int().min(0),
  }),
  recoveryCodes: z.strictObject({ count: z.number().int().positive(), length: z.number().int().min(8) }),
  password: z.strictObject({ minLength: z.number().int().min(8) }),
});

export const securityPolicy = policySchema.parse(policyJson);
