import type { AuditAction, AuditOutcome, Repositories } from '@quantrad/store';
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

/** One audit event for what the actor did, written in the same transaction as the change it records. */
export async function recordAudit(tx: Repositories, ctx: ServiceContext, fact: AuditFact): Promise<void> {
  const now = ctx.now();
  await tx.audit.append({
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
  });
}
