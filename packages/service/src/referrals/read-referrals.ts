import { REFERRAL_STATES, type ReferralEventRecord, type ReferralListItem, type Role } from '@quantrad/store';
import { z } from 'zod';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { entitlementFor, type Actor } from '../actor.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { referralView, type ReferralView, type WaitingClock } from './referral-view.ts';

const STAFF_READERS: readonly Role[] = [
  'irmer_practitioner',
  'operator',
  'reporter',
  'service_manager',
  'administrator',
];
const READERS: readonly Role[] = [...STAFF_READERS, 'referrer'];

/**
 * The referrer record whose referrals are all this actor may see, or null when the actor is service
 * staff and sees every referral. A referrer sees only their own (ROS 4.3; data minimisation).
 */
async function onlyOwnReferrals(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ referrerId: string } | null | 'none'> {
  const today = isoDate(ctx.now());
  if (STAFF_READERS.some((r) => entitlementFor(actor, r, '*', today))) return null;
  const own = await ctx.store.patients.referrerOfUser(actor.userId);
  return own ? { referrerId: own.id } : 'none';
}

export const referralListSchema = z.strictObject({
  state: z.enum(REFERRAL_STATES).optional(),
  patientId: z.uuid().optional(),
  /** Only authorised referrals with no appointment booked: the booking queue. */
  awaitingBooking: z.union([z.boolean(), z.stringbool()]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A worklist entry: the referral, its patient and referrer by name, any booked time, the clock. */
export type ReferralListEntry = ReferralListItem & WaitingClock;

/**
 * The referral worklist, oldest first so the six-week clock is worked in order (ROS 4.4), with the
 * patient's and referrer's names from the same query. Audited.
 */
export async function listReferrals(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<Page<ReferralListEntry>>> {
  const parsed = validate(referralListSchema, input);
  if (!parsed.ok) return parsed;
  const q = parsed.value;
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'referral',
    entityId: null,
    patientId: q.patientId ?? null,
    what: 'reading referrals',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const scope = await onlyOwnReferrals(ctx, allowed.value.actor);
  if (scope === 'none') return fail('forbidden', 'your user is not linked to a referrer record');
  const page = await ctx.store.referrals.list({
    ...(scope ? { referrerId: scope.referrerId } : {}),
    limit: q.limit,
    offset: q.offset,
    ...(q.state ? { state: q.state } : {}),
    ...(q.patientId ? { patientId: q.patientId } : {}),
    ...(q.awaitingBooking ? { awaitingBooking: true } : {}),
  });
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'referral',
    entityId: null,
    patientId: q.patientId ?? null,
    detail: {
      list: { state: q.state ?? null, awaitingBooking: q.awaitingBooking ?? false, offset: q.offset },
      ids: page.items.map((r) => r.id),
    },
  });
  const now = ctx.now();
  return ok({
    items: page.items.map((r) => referralView(r, now)),
    total: page.total,
    limit: q.limit,
    offset: q.offset,
  });
}

/** One referral with its history of states. Audited. */
export async function getReferral(
  ctx: ServiceContext,
  referralId: string,
): Promise<Outcome<ReferralView & { history: ReferralEventRecord[] }>> {
  const referral = await ctx.store.referrals.byId(referralId);
  if (!referral) return notFound('referral', referralId);
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'referral',
    entityId: referral.id,
    patientId: referral.patientId,
    what: 'reading a referral',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const scope = await onlyOwnReferrals(ctx, allowed.value.actor);
  if (scope !== null && (scope === 'none' || scope.referrerId !== referral.referrerId)) {
    await recordStandaloneAudit(ctx, {
      action: 'read',
      entityType: 'referral',
      entityId: referral.id,
      patientId: referral.patientId,
      outcome: 'denied',
      detail: { reason: 'not the referrer of this referral' },
    });
    return fail('forbidden', 'a referrer sees only their own referrals');
  }
  const history = await ctx.store.referrals.events(referral.id);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'referral',
    entityId: referral.id,
    patientId: referral.patientId,
  });
  return ok({ ...referralView(referral, ctx.now()), history });
}
