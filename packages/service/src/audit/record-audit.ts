import type { AuditAction, AuditEventInput, AuditOutcome, Repositories } from '@quantrad/store';
import { currentRoles } from '../actor.ts';
import type { ServiceContext } from '../context.ts';
import { isoDate } from '../time.ts';

export interface AuditFact {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
}

function auditInput(ctx: ServiceContext, fact: AuditFact): AuditEventInput {
  const now = ctx.now();
  return {
    at: now.toISOString(),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    actorRoles: currentRoles(ctx.actor, isoDate(now)),
    action: fact.action,
    entityType: fact.entityType,
    entityId: fact.entityId,
    patientId: fact.patientId,
    fromAddress: ctx.fromAddress,
    outcome: fact.outcome ?? 'success',
    detail: fact.detail ?? {},
  };
}

/** One audit event for what the actor did, written in the same transaction as the change it records. */
export async function recordAudit(tx: Repositories, ctx: ServiceContext, fact: AuditFact): Promise<void> {
  await tx.audit.append(auditInput(ctx, fact));
}

/**
 * An audit event with no change to go with it (a read, a refusal, a failed sign-in): group-committed
 * with others arriving at the same time, and durable before the caller goes on.
 */
export function recordStandaloneAudit(ctx: ServiceContext, fact: AuditFact): Promise<void> {
  return ctx.store.appendAudit(auditInput(ctx, fact));
}
