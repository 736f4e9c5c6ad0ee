import type { EntitlementRecord, SessionRecord, StaffTrainingHeld, Store, UserRecord } from '@quantrad/store';
import { actorFrom, type Actor } from '../actor.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { securityPolicy } from '../reference/security-policy.ts';
import { addMinutes } from '../time.ts';
import { sha256Hex } from './tokens.ts';

export interface OpenSession {
  session: SessionRecord;
  user: UserRecord;
  entitlements: EntitlementRecord[];
  held: StaffTrainingHeld;
}

/** The session a token names, if it is open: not signed out, not past its absolute or idle limit. */
export async function openSession(store: Store, token: string, now: Date): Promise<Outcome<OpenSession>> {
  const found = await store.users.sessionWithUser(sha256Hex(token));
  if (!found) return fail('unauthenticated', 'not signed in');
  const { session, user, entitlements, held } = found;
  if (session.endedAt !== null) return fail('unauthenticated', 'this session was signed out');
  const at = now.toISOString();
  if (session.expiresAt <= at || session.idleExpiresAt <= at)
    return fail('unauthenticated', 'the session has expired: sign in again');
  if (user.disabledAt !== null) return fail('unauthenticated', 'this account is disabled');
  return ok({ session, user, entitlements, held });
}

/**
 * The actor behind a bearer token, for every request: the session must be open and past its second
 * factor (ACR remote scanning: two-factor authentication). Each use extends the idle limit.
 */
export async function actorForToken(store: Store, token: string, now: Date): Promise<Outcome<Actor>> {
  const open = await openSession(store, token, now);
  if (!open.ok) return open;
  const { session, user, entitlements, held } = open.value;
  if (session.secondFactorAt === null) {
    return fail(
      'unauthenticated',
      user.totpConfirmedAt === null
        ? 'set up two-factor authentication to continue'
        : 'enter the code from your authenticator app to continue',
    );
  }
  // Each use moves the idle limit on; written at most once a minute, so a busy session does not
  // make every request a write to the same row.
  const idle = addMinutes(now, securityPolicy.session.idleMinutes).toISOString();
  const next = idle < session.expiresAt ? idle : session.expiresAt;
  if (Date.parse(next) - Date.parse(session.idleExpiresAt) >= 60_000) {
    await store.users.updateSession(session.tokenHash, { idleExpiresAt: next });
  }
  return ok(actorFrom(user, entitlements, held));
}
