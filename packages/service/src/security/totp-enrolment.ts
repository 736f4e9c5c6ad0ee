import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { openSession } from './session.ts';
import { newRecoveryCodes, sha256Hex } from './tokens.ts';
import { newTotpSecret, totpQrSvg, totpUri, totpValid } from './totp.ts';

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/**
 * Starts setting up the authenticator app: a new secret, its otpauth URI and QR code. Allowed on a
 * password-only session only while no second factor is set up; changing an existing one needs a full
 * sign-in.
 */
export async function beginTotpEnrolment(
  ctx: ServiceContext,
  token: string,
): Promise<Outcome<TotpEnrolment>> {
  const open = await openSession(ctx.store, token, ctx.now());
  if (!open.ok) return open;
  const { session, user } = open.value;
  if (user.totpConfirmedAt !== null && session.secondFactorAt === null)
    return fail('forbidden', 'enter your current code first to change two-factor authentication');
  const secret = newTotpSecret();
  await ctx.store.users.setTotp(user.id, secret, null);
  const otpauthUri = totpUri(secret, user.username);
  return ok({ secret, otpauthUri, qrSvg: await totpQrSvg(otpauthUri) });
}

/** Confirms the app with one code; returns recovery codes, shown this once and stored only as hashes. */
export async function confirmTotpEnrolment(
  ctx: ServiceContext,
  input: { token: string; code: string },
): Promise<Outcome<{ recoveryCodes: string[] }>> {
  const now = ctx.now();
  const open = await openSession(ctx.store, input.token, now);
  if (!open.ok) return open;
  const { session, user } = open.value;
  if (user.totpSecret === null) return fail('conflict', 'start two-factor set-up first');
  if (user.totpConfirmedAt !== null && session.secondFactorAt === null)
    return fail('forbidden', 'enter your current code first to change two-factor authentication');
  if (!totpValid(user.totpSecret, input.code.trim(), now))
    return fail(
      'invalid',
      'the code does not match: check the time on the phone and try the next code',
      'code',
    );
  const recoveryCodes = newRecoveryCodes();
  await ctx.store.transaction(async (tx) => {
    await tx.users.setTotp(user.id, user.totpSecret, now.toISOString());
    await tx.users.replaceRecoveryCodes(user.id, recoveryCodes.map(sha256Hex));
    await tx.users.updateSession(session.tokenHash, { secondFactorAt: now.toISOString() });
    await recordAudit(
      tx,
      { ...ctx, actor: null },
      {
        action: 'update',
        entityType: 'user',
        entityId: user.id,
        patientId: null,
        detail: { change: 'two-factor authentication set up' },
      },
    );
  });
  return ok({ recoveryCodes });
}
