import type { EntitlementRecord, Role, StaffTrainingHeld, UserRecord } from '@quantrad/store';

/** A signed-in user (second factor done) with the entitlements they hold and the training behind them. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  entitlements: EntitlementRecord[];
  held: StaffTrainingHeld;
}

export const NO_TRAINING: StaffTrainingHeld = { training: [], localRulesRead: [] };

export function actorFrom(
  user: UserRecord,
  entitlements: EntitlementRecord[],
  held: StaffTrainingHeld = NO_TRAINING,
): Actor {
  return { userId: user.id, username: user.username, displayName: user.displayName, entitlements, held };
}

/**
 * The entitlement that lets the actor act in a role for a scope on a date, or null. Revoked, not yet
 * valid and lapsed entitlements grant nothing (ROS 4.1, IR(ME)R: duty holders are entitled by the
 * employer's procedures for defined tasks).
 */
export function entitlementFor(
  actor: Actor,
  role: Role,
  scope: string,
  today: string,
): EntitlementRecord | null {
  return (
    actor.entitlements.find(
      (e) =>
        e.role === role &&
        (e.scope === '*' || e.scope === scope) &&
        e.revokedAt === null &&
        e.validFrom <= today &&
        (e.validUntil === null || today <= e.validUntil),
    ) ?? null
  );
}

/** The roles the actor holds today, for the audit trail. */
export function currentRoles(actor: Actor | null, today: string): string {
  if (!actor) return '';
  const roles = new Set(
    actor.entitlements
      .filter(
        (e) =>
          e.revokedAt === null && e.validFrom <= today && (e.validUntil === null || today <= e.validUntil),
      )
      .map((e) => e.role),
  );
  return [...roles].sort().join(',');
}
