import type { ReferrerRecord } from '@quantrad/store';
import { z } from 'zod';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { ok, type Outcome } from '../outcome.ts';
import { defaultReferralCriteria, type ReferralCriteria } from '../reference/referral-criteria.ts';
import { validate } from '../validate.ts';
import type { Page } from './read-referrals.ts';

/** Service staff who register referrals received on paper, by post, fax or email (ROS 4.3). */
const REGISTRARS = ['operator', 'irmer_practitioner', 'service_manager', 'administrator'] as const;

export const referrerListSchema = z.strictObject({
  /** Any part of the referrer's name, any case. */
  name: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A registered referrer, with the dates their IR(ME)R entitlement runs (ROS 4.2). */
export type ReferrerView = Omit<ReferrerRecord, 'userId'>;

/** The registered referrers by name, for choosing who sent a referral. Audited. */
export async function listReferrers(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<Page<ReferrerView>>> {
  const parsed = validate(referrerListSchema, input);
  if (!parsed.ok) return parsed;
  const q = parsed.value;
  const allowed = await authorise(ctx, REGISTRARS, '*', {
    entityType: 'referrer',
    entityId: null,
    patientId: null,
    what: 'reading the list of referrers',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const page = await ctx.store.patients.searchReferrers({
    ...(q.name !== undefined && q.name !== '' ? { nameContains: q.name } : {}),
    limit: q.limit,
    offset: q.offset,
  });
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'referrer',
    entityId: null,
    patientId: null,
    detail: { list: { name: q.name ?? null, offset: q.offset }, ids: page.items.map((r) => r.id) },
  });
  return ok({
    items: page.items.map(({ userId: _userId, ...rest }) => rest),
    total: page.total,
    limit: q.limit,
    offset: q.offset,
  });
}

/**
 * The local written referral criteria the server matches every referral against (ROS 4.3), so a form
 * offers exactly the indications the match knows. Reference data, no patient's: not audited.
 */
export async function readReferralCriteria(
  ctx: ServiceContext,
  criteria: ReferralCriteria = defaultReferralCriteria,
): Promise<Outcome<ReferralCriteria>> {
  const allowed = await authorise(ctx, REGISTRARS, '*', {
    entityType: 'referral_criteria',
    entityId: null,
    patientId: null,
    what: 'reading the written referral criteria',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  return ok(criteria);
}
