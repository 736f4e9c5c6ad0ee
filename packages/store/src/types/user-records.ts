export const ROLES = [
  'administrator',
  'referrer',
  'irmer_practitioner',
  'operator',
  'reporter',
  'medical_physics_expert',
  'service_manager',
  'auditor',
] as const;

/** IR(ME)R duty holders (ROS 4.1) and the service's own roles. */
export type Role = (typeof ROLES)[number];

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  totpSecret: string | null;
  totpConfirmedAt: string | null;
  failedSignIns: number;
  lockedUntil: string | null;
  disabledAt: string | null;
  createdAt: string;
}

/** A role held by a user, for a scope ('*' or e.g. an examination or scanner), from a date, until a date. */
export interface EntitlementRecord {
  id: string;
  userId: string;
  role: Role;
  scope: string;
  validFrom: string;
  validUntil: string | null;
  grantedBy: string | null;
  revokedAt: string | null;
  note: string | null;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  idleExpiresAt: string;
  secondFactorAt: string | null;
  endedAt: string | null;
  fromAddress: string | null;
}
