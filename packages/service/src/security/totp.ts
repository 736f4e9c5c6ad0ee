import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { securityPolicy } from '../reference/security-policy.ts';

// Time-based one-time passwords (RFC 6238) for the second factor, as authenticator apps expect them.

const p = securityPolicy.totp;

function totp(secretBase32: string, username: string): TOTP {
  return new TOTP({
    issuer: p.issuer,
    label: username,
    algorithm: p.algorithm,
    digits: p.digits,
    period: p.periodS,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

/** The otpauth URI as a QR code, an SVG an authenticator app can scan from the screen. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export function totpCode(secretBase32: string, at: Date): string {
  return totp(secretBase32, '').generate({ timestamp: at.getTime() });
}

/** True when the code is the one for now, or one period either side (clock drift). */
export function totpValid(secretBase32: string, code: string, at: Date): boolean {
  if (!/^\d+$/.test(code)) return false;
  return (
    totp(secretBase32, '').validate({ token: code, timestamp: at.getTime(), window: p.windowSteps }) !== null
  );
}
