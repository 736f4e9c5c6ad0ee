import type { AuditChainStretch, AuditEventRecord, Role } from '@quantrad/store';
import { z } from 'zod';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';
import { recordStandaloneAudit } from './record-audit.ts';

// The audit trail viewer (ROS 4.15 information governance; ACR remote scanning: audit trails and logs): who
// did what, to which record, when and from where, and whether the hash chain is intact. The auditor, the
// service manager and the administrator (who answers for the system's security) read it.
export const AUDIT_TRAIL_READERS: readonly Role[] = ['auditor', 'service_manager', 'administrator'];

const isoDay = z.iso.date();

export const auditTrailQuerySchema = z
  .strictObject({
    actor: z.string().trim().max(100).optional(),
    action: z.enum(['create', 'read', 'update', 'delete', 'sign_in', 'sign_out', 'export']).optional(),
    entityType: z.string().trim().min(1).max(60).optional(),
    fromDate: isoDay.optional(),
    toDate: isoDay.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => q.fromDate === undefined || q.toDate === undefined || q.fromDate <= q.toDate, {
    error: 'must be on or after fromDate',
    path: ['toDate'],
  });

/** Verification goes in stretches so a long chain shows its progress. */
export const auditVerificationQuerySchema = z.strictObject({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(20000).default(5000),
});

export interface AuditTrailPage {
  items: AuditEventRecord[];
  total: number;
  limit: number;
  offset: number;
}

export interface AuditVerificationStretch extends AuditChainStretch {
  /** The chain's size when this stretch was checked: how far the walk has to go. */
  totalEvents: number;
  lastSeqInChain: number;
}

function mayRead(ctx: ServiceContext, what: string): ReturnType<typeof authorise> {
  return authorise(ctx, AUDIT_TRAIL_READERS, '*', {
    entityType: 'audit_trail',
    entityId: null,
    patientId: null,
    what,
    action: 'read',
  });
}

/** A page of the audit trail, newest first, filtered by actor, action, record type and dates. Audited. */
export async function searchAuditTrail(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<AuditTrailPage>> {
  const parsed = validate(auditTrailQuerySchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await mayRead(ctx, 'reading the audit trail');
  if (!allowed.ok) return allowed;
  const { limit, offset, ...filter } = parsed.value;
  const page = await ctx.store.audit.search({ ...filter, limit, offset });
  // Reading the trail is itself on the trail, with what was asked for.
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'audit_trail',
    entityId: null,
    patientId: null,
    detail: { filter, offset },
  });
  return ok({ ...page, limit, offset });
}

/**
 * Checks one stretch of the hash chain (events after `afterSeq`); the caller walks on from `lastSeq`
 * until `done`. A problem names the event where the chain breaks.
 */
export async function verifyAuditTrail(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<AuditVerificationStretch>> {
  const parsed = validate(auditVerificationQuerySchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await mayRead(ctx, 'verifying the audit trail');
  if (!allowed.ok) return allowed;
  const extent = await ctx.store.audit.extent();
  const stretch = await ctx.store.audit.verifyStretch(parsed.value.afterSeq, parsed.value.limit);
  if (parsed.value.afterSeq === 0 || stretch.done || stretch.problems.length > 0)
    await recordStandaloneAudit(ctx, {
      action: 'read',
      entityType: 'audit_trail',
      entityId: null,
      patientId: null,
      detail: { verification: { afterSeq: stretch.afterSeq, problems: stretch.problems.length } },
    });
  return ok({ ...stretch, totalEvents: extent.events, lastSeqInChain: extent.lastSeq });
}
