import type { ReferralRecord, Role } from '@quantrad/store';
import type { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';
import { authoriseReferralSchema, cancelReferralSchema, returnReferralSchema } from './referral-input.ts';
import { referralView, type ReferralView } from './referral-view.ts';

type Decision = Pick<
  ReferralRecord,
  'state' | 'authorisation' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'returnReason'
>;

/** Loads, checks the state, checks who may decide, and records the decision in one transaction. */
async function decide(
  ctx: ServiceContext,
  referralId: string,
  roles: readonly Role[],
  what: string,
  check: (r: ReferralRecord) => string | null,
  decision: (r: ReferralRecord, actorId: string, at: string) => Decision,
): Promise<Outcome<ReferralView>> {
  const referral = await ctx.store.referrals.byId(referralId);
  if (!referral) return notFound('referral', referralId);
  const allowed = await authorise(ctx, roles, referral.examination, {
    entityType: 'referral',
    entityId: referral.id,
    patientId: referral.patientId,
    what,
  });
  if (!allowed.ok) return allowed;
  const problem = check(referral);
  if (problem) return fail('conflict', problem);
  const now = ctx.now();
  return ctx.store.transaction(async (tx): Promise<Outcome<ReferralView>> => {
    const updated = await tx.referrals.decide(
      referral,
      decision(referral, allowed.value.actor.userId, now.toISOString()),
    );
    if (!updated)
      return fail(
        'conflict',
        'someone else changed this referral at the same moment: reload it and decide again',
      );
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'referral',
      entityId: referral.id,
      patientId: referral.patientId,
      detail: {
        from: referral.state,
        to: updated.state,
        authorisation: updated.authorisation,
        returnReason: updated.returnReason,
      },
    });
    return ok(referralView(updated, now));
  });
}

function mustBeReceived(r: ReferralRecord): string | null {
  return r.state === 'received' ? null : `the referral is already ${r.state}`;
}

/**
 * Justified and authorised (ROS 4.4; IR(ME)R): by the IR(ME)R practitioner on the clinical information,
 * or by an entitled operator under the practitioner's written criteria, which needs a criteria match.
 * An unsigned referral cannot be authorised: it is returned to the referrer (ROS 4.3).
 */
export async function authoriseReferral(ctx: ServiceContext, input: unknown): Promise<Outcome<ReferralView>> {
  const parsed = validate(authoriseReferralSchema, input);
  if (!parsed.ok) return parsed;
  const a: z.output<typeof authoriseReferralSchema> = parsed.value;
  const byOperator = a.basis === 'operator_under_written_criteria';
  return decide(
    ctx,
    a.referralId,
    byOperator ? ['operator'] : ['irmer_practitioner'],
    byOperator ? 'authorising under written criteria' : 'justifying a referral',
    (r) => {
      const state = mustBeReceived(r);
      if (state) return state;
      if (!r.signedByReferrer) return 'the referral is not signed by the referrer: return it (ROS 4.3)';
      if (byOperator && !r.criteriaMatch.meetsCriteria)
        return 'no indication meets the written referral criteria: the IR(ME)R practitioner must justify this referral (ROS 4.4)';
      return null;
    },
    (_r, actorId, at) => ({
      state: 'authorised',
      authorisation: a.basis,
      decidedBy: actorId,
      decidedAt: at,
      decisionReason: a.note ?? null,
      returnReason: null,
    }),
  );
}

/** Returned to the referrer: inadequate information, inappropriate indication or unsigned (ROS 4.3). */
export async function returnReferral(ctx: ServiceContext, input: unknown): Promise<Outcome<ReferralView>> {
  const parsed = validate(returnReferralSchema, input);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  return decide(
    ctx,
    a.referralId,
    ['irmer_practitioner', 'operator'],
    'returning a referral',
    mustBeReceived,
    (_r, actorId, at) => ({
      state: 'returned',
      authorisation: null,
      decidedBy: actorId,
      decidedAt: at,
      decisionReason: a.note,
      returnReason: a.reason,
    }),
  );
}

/** Cancelled, with the reason (IR(ME)R employer's procedures provide for cancelling referrals, ROS 4.3). */
export async function cancelReferral(ctx: ServiceContext, input: unknown): Promise<Outcome<ReferralView>> {
  const parsed = validate(cancelReferralSchema, input);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  return decide(
    ctx,
    a.referralId,
    ['irmer_practitioner', 'operator', 'service_manager', 'administrator'],
    'cancelling a referral',
    (r) => (r.state === 'received' || r.state === 'authorised' ? null : `the referral is already ${r.state}`),
    (r, actorId, at) => ({
      state: 'cancelled',
      authorisation: r.authorisation,
      decidedBy: actorId,
      decidedAt: at,
      decisionReason: a.reason,
      returnReason: null,
    }),
  );
}
