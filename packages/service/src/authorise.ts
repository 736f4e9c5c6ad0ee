import type { AuditAction, EntitlementRecord, Role } from '@quantrad/store';
import { entitlementFor, type Actor } from './actor.ts';
import { recordStandaloneAudit } from './audit/record-audit.ts';
import type { ServiceContext } from './context.ts';
import { fail, ok, type Outcome } from './outcome.ts';
import { staffTrainingPolicy } from './reference/staff-training-policy.ts';
import {
  describeShortfalls,
  trainingShortfalls,
  type TrainingShortfall,
} from './staff/training-requirements.ts';
import { isoDate } from './time.ts';

export const ROLE_NAMES: Record<Role, string> = {
  administrator: 'administrator',
  referrer: 'referrer',
  irmer_practitioner: 'IR(ME)R practitioner',
  operator: 'operator',
  reporter: 'reporter',
  medical_physics_expert: 'medical physics expert',
  service_manager: 'service manager',
  auditor: 'auditor',
};

export interface Authorised {
  actor: Actor;
  entitlement: EntitlementRecord;
}

/**
 * Checks, inside the use case, that the actor holds one of the roles for the scope today, with the
 * training that role depends on current (ROS 6.1, when the context or the staff-training data requires
 * it). A refusal is itself audited (outcome "denied"), so attempts to act without entitlement are visible.
 */
export async function authorise(
  ctx: ServiceContext,
  roles: readonly Role[],
  scope: string,
  attempt: {
    entityType: string;
    entityId: string | null;
    patientId: string | null;
    what: string;
    action?: AuditAction;
  },
): Promise<Outcome<Authorised>> {
  const actor = ctx.actor;
  if (!actor) return fail('unauthenticated', 'sign in to continue');
  const today = isoDate(ctx.now());
  const trainingRequired = ctx.trainingRequired ?? staffTrainingPolicy.enforceTrainingForEntitlements;
  let untrained: { role: Role; shortfalls: TrainingShortfall[] } | null = null;
  for (const role of roles) {
    const entitlement = entitlementFor(actor, role, scope, today);
    if (!entitlement) continue;
    const shortfalls = trainingRequired ? trainingShortfalls(role, actor.held, today) : [];
    if (shortfalls.length === 0) return ok({ actor, entitlement });
    untrained ??= { role, shortfalls };
  }
  const lapsed = actor.entitlements.find(
    (e) => roles.includes(e.role) && e.validUntil !== null && e.validUntil < today && e.revokedAt === null,
  );
  const needed = roles.map((r) => ROLE_NAMES[r]).join(' or ');
  const message = untrained
    ? `${attempt.what} needs current training for your ${ROLE_NAMES[untrained.role]} entitlement: ${describeShortfalls(untrained.shortfalls)}`
    : lapsed
      ? `your ${ROLE_NAMES[lapsed.role]} entitlement lapsed on ${lapsed.validUntil ?? ''}: ${attempt.what} needs a current entitlement`
      : `${attempt.what} needs the ${needed} entitlement${scope === '*' ? '' : ` for ${scope}`}`;
  await recordStandaloneAudit(ctx, {
    action: attempt.action ?? 'update',
    entityType: attempt.entityType,
    entityId: attempt.entityId,
    patientId: attempt.patientId,
    outcome: 'denied',
    detail: { attempted: attempt.what, reason: message },
  });
  return fail('forbidden', message);
}
