import { createHash, randomBytes } from 'node:crypto';
import { securityPolicy } from '../reference/security-policy.ts';

/** A bearer token the client keeps; only its hash is stored, so a stolen database holds no session. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// Crockford base 32 without I, L, O, U: easy to read aloud and type.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Single-use recovery codes, shown once; 10 characters of base 32 is 50 bits each. */
export function newRecoveryCodes(): string[] {
  const { count, length } = securityPolicy.recoveryCodes;
  return Array.from({ length: count }, () =>
    [...randomBytes(length)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length] ?? '0').join(''),
  );
}

export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
