import { randomUUID } from 'node:crypto';
import type { Repositories, UserRecord } from '@quantrad/store';
import { hashPassword } from '../security/password.ts';
import { entitlementInputSchema, type NewUser, newUserSchema } from './user-input.ts';

/**
 * Writes a user and their entitlements, with no permission check: for the administrator's use case
 * (which checks) and for the first administrator and demo data. Optionally with a confirmed TOTP secret.
 */
export async function provisionUser(
  tx: Repositories,
  input: NewUser,
  options: { grantedBy?: string; totpSecret?: string; confirmedAt?: string } = {},
): Promise<UserRecord> {
  const u = newUserSchema.parse(input);
  const user = await tx.users.insert({
    id: randomUUID(),
    username: u.username,
    displayName: u.displayName,
    passwordHash: await hashPassword(u.password),
  });
  if (options.totpSecret !== undefined) {
    await tx.users.setTotp(user.id, options.totpSecret, options.confirmedAt ?? new Date().toISOString());
  }
  for (const e of u.entitlements) {
    const parsed = entitlementInputSchema.parse(e);
    await tx.users.insertEntitlement({
      id: randomUUID(),
      userId: user.id,
      role: parsed.role,
      scope: parsed.scope,
      validFrom: parsed.validFrom,
      validUntil: parsed.validUntil,
      grantedBy: options.grantedBy ?? null,
      revokedAt: null,
      note: parsed.note,
    });
  }
  return (await tx.users.byId(user.id)) ?? user;
}
