import type {
  CpdEntryRecord,
  EntitlementRecord,
  LocalRulesReadingRecord,
  Role,
  StaffTrainingHeld,
  TrainingRecord,
} from '@quantrad/store';
import type { ServiceContext } from '../context.ts';
import { notFound, ok, type Outcome } from '../outcome.ts';
import { staffTrainingPolicy } from '../reference/staff-training-policy.ts';
import { isoDate } from '../time.ts';
import { authoriseStaffRecord, STAFF_RECORD_READERS } from './staff-access.ts';
import { trainingShortfalls, type TrainingShortfall } from './training-requirements.ts';

export type TrainingState = 'current' | 'lapsed' | 'superseded';

export interface TrainingEntry extends TrainingRecord {
  kindName: string;
  /** The most recent completion of a kind is current or lapsed; earlier ones are superseded. */
  state: TrainingState;
}

export interface EntitlementTraining {
  role: Role;
  scope: string;
  validUntil: string | null;
  /** What this entitlement needs and the user lacks today; empty when it can be used. */
  shortfalls: TrainingShortfall[];
}

export interface StaffTrainingView {
  userId: string;
  username: string;
  displayName: string;
  training: TrainingEntry[];
  entitlements: EntitlementTraining[];
  localRules: { currentVersion: string; readCurrent: boolean; readings: LocalRulesReadingRecord[] };
  cpd: CpdEntryRecord[];
}

/** The entitlements that can be used on a day (not revoked, started, not lapsed). */
export function currentEntitlements(
  entitlements: readonly EntitlementRecord[],
  today: string,
): EntitlementRecord[] {
  return entitlements.filter(
    (e) => e.revokedAt === null && e.validFrom <= today && (e.validUntil === null || today <= e.validUntil),
  );
}

/** What a user holds, from their records (most recently completed first, as the repository lists them). */
export function heldFrom(
  training: readonly TrainingRecord[],
  readings: readonly LocalRulesReadingRecord[],
): StaffTrainingHeld {
  const latest = new Map<string, TrainingRecord>();
  for (const t of training) if (!latest.has(t.kind)) latest.set(t.kind, t);
  return {
    training: [...latest.values()].map((t) => ({
      kind: t.kind,
      completedOn: t.completedOn,
      expiresOn: t.expiresOn,
    })),
    localRulesRead: readings.map((r) => ({ version: r.version, readOn: r.readOn })),
  };
}

/** A member of staff's training, the entitlements it supports, local rules read and CPD (ROS 9.1). */
export async function listTraining(ctx: ServiceContext, userId: string): Promise<Outcome<StaffTrainingView>> {
  const allowed = await authoriseStaffRecord(ctx, userId, {
    roles: STAFF_RECORD_READERS,
    ownAllowed: true,
    what: "reading a member of staff's training record",
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const user = await ctx.store.users.byId(userId);
  if (!user) return notFound('user', userId);
  const today = isoDate(ctx.now());
  const training = await ctx.store.staffTraining.trainingFor(userId);
  const readings = await ctx.store.staffTraining.localRulesReadingsFor(userId);
  const held = heldFrom(training, readings);
  const seen = new Set<string>();
  const entries = training.map((t): TrainingEntry => {
    const first = !seen.has(t.kind);
    seen.add(t.kind);
    const lapsed = t.expiresOn !== null && t.expiresOn < today;
    return {
      ...t,
      kindName: staffTrainingPolicy.kinds[t.kind]?.name ?? t.kind,
      state: first ? (lapsed ? 'lapsed' : 'current') : 'superseded',
    };
  });
  const entitlements = currentEntitlements(await ctx.store.users.entitlements(userId), today).map(
    (e): EntitlementTraining => ({
      role: e.role,
      scope: e.scope,
      validUntil: e.validUntil,
      shortfalls: trainingShortfalls(e.role, held, today),
    }),
  );
  const currentVersion = staffTrainingPolicy.localRules.currentVersion;
  return ok({
    userId,
    username: user.username,
    displayName: user.displayName,
    training: entries,
    entitlements,
    localRules: {
      currentVersion,
      readCurrent: readings.some((r) => r.version === currentVersion),
      readings,
    },
    cpd: await ctx.store.staffTraining.cpdFor(userId),
  });
}
