import { ROLES, type Role } from '@quantrad/store';
import { entitlementFor, type Actor } from '../actor.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { isoDate } from '../time.ts';

export interface SignedInUser {
  userId: string;
  username: string;
  displayName: string;
  /** The roles an entitlement lets them act in today (any scope), each once, with the entitlement's end. */
  roles: { role: Role; validUntil: string | null }[];
}

/** The roles an actor holds today, in the order of ROLES: entitlements revoked, not yet started or lapsed grant none (ROS 4.1). */
function currentRoles(actor: Actor, today: string): SignedInUser['roles'] {
  const roles: SignedInUser['roles'] = [];
  for (const e of actor.entitlements) {
    if (roles.some((r) => r.role === e.role)) continue;
    const held = entitlementFor(actor, e.role, e.scope, today);
    if (held) roles.push({ role: held.role, validUntil: held.validUntil });
  }
  return roles.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
}

/**
 * Who is signed in with this session and in which roles today, so the web application can name them on
 * every screen and offer the screens their roles use. It grants nothing: every action is still authorised.
 */
export function signedInUser(ctx: ServiceContext): Outcome<SignedInUser> {
  const actor = ctx.actor;
  if (!actor) return fail('unauthenticated', 'sign in to continue');
  return ok({
    userId: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: currentRoles(actor, isoDate(ctx.now())),
  });
}
