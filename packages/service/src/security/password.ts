import { hash, verify } from '@node-rs/argon2';
import { securityPolicy } from '../reference/security-policy.ts';

// Argon2id with the library defaults (19 MiB, 2 passes, 1 lane: the OWASP minimum; see the policy file).

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Why a new password is refused, or null when it is acceptable (NCSC: length over complexity rules). */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < securityPolicy.password.minLength)
    return `must be at least ${String(securityPolicy.password.minLength)} characters`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}

/** A hash to verify against when the username is unknown, so the answer takes as long either way. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('quantrad-decoy-password-for-unknown-users');
  return decoyHash;
}
