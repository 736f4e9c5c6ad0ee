import { randomUUID } from 'node:crypto';
import type { DxaAssessment, FlagCode } from '@quantrad/densitometry';
import { INVESTIGATION_KINDS, type FurtherInvestigationRecord, type Repositories } from '@quantrad/store';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';

export const furtherInvestigationSchema = z.strictObject({
  referralId: z.uuid(),
  visitId: z.uuid().optional(),
  kind: z.enum(INVESTIGATION_KINDS),
  reason: z.string().trim().min(1, { error: 'say why' }).max(1000),
  status: z.enum(['recommended', 'requested', 'done', 'declined']),
  outcome: z.string().trim().max(2000).optional(),
});

/**
 * The engine's further-investigation flags (ROS 4.7; ISCD 2019) as the investigations they call for.
 * A spine re-analysis is work on this scan's images for the operator, not an investigation of the patient.
 */
const KIND_OF_FLAG: Record<FlagCode, FurtherInvestigationRecord['kind'] | null> = {
  vfa_indicated: 'vertebral_fracture_assessment',
  forearm_scan_indicated: 'forearm_scan',
  low_z_score: 'blood_tests',
  unexplained_bone_loss: 'blood_tests',
  spine_reanalysis_needed: null,
};

/**
 * Records, as "recommended", the investigations the engine's flags call for (ROS 4.7), once per kind
 * per visit, in the transaction that stores the results.
 */
export async function recommendFromFlags(
  tx: Repositories,
  a: DxaAssessment,
  visit: { id: string; patientId: string; referralId: string },
  by: string,
  at: string,
): Promise<FurtherInvestigationRecord[]> {
  const existing = (await tx.investigations.forPatient(visit.patientId)).filter(
    (i) => i.visitId === visit.id,
  );
  const added: FurtherInvestigationRecord[] = [];
  for (const flag of a.flags) {
    const kind = KIND_OF_FLAG[flag.code];
    if (kind === null) continue;
    if (existing.some((e) => e.kind === kind) || added.some((e) => e.kind === kind)) continue;
    const record: FurtherInvestigationRecord = {
      id: randomUUID(),
      patientId: visit.patientId,
      referralId: visit.referralId,
      visitId: visit.id,
      kind,
      reason: flag.reason,
      status: 'recommended',
      recordedBy: by,
      recordedAt: at,
      outcome: null,
    };
    await tx.investigations.insert(record);
    added.push(record);
  }
  return added;
}

/** Records a further investigation or onward referral and what became of it (ROS 4.7). */
export async function recordFurtherInvestigation(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<FurtherInvestigationRecord>> {
  const parsed = validate(furtherInvestigationSchema, input);
  if (!parsed.ok) return parsed;
  const i = parsed.value;
  const referral = await ctx.store.referrals.byId(i.referralId);
  if (!referral) return notFound('referral', i.referralId);
  const allowed = await authorise(ctx, ['reporter', 'irmer_practitioner', 'operator'], referral.examination, {
    entityType: 'further_investigation',
    entityId: null,
    patientId: referral.patientId,
    what: 'recording a further investigation',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const record: FurtherInvestigationRecord = {
    id: randomUUID(),
    patientId: referral.patientId,
    referralId: referral.id,
    visitId: i.visitId ?? null,
    kind: i.kind,
    reason: i.reason,
    status: i.status,
    recordedBy: allowed.value.actor.userId,
    recordedAt: ctx.now().toISOString(),
    outcome: i.outcome ?? null,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.investigations.insert(record);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'further_investigation',
      entityId: record.id,
      patientId: record.patientId,
      detail: { kind: record.kind, status: record.status },
    });
  });
  return ok(record);
}
