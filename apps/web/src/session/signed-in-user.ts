// Who is signed in, as GET /api/auth/session answers (packages/service/src/users/signed-in-user.ts).

/** The service's roles (IR(ME)R duty holders and its own), as packages/store names them. */
export type Role =
  | 'administrator'
  | 'referrer'
  | 'irmer_practitioner'
  | 'operator'
  | 'reporter'
  | 'medical_physics_expert'
  | 'service_manager'
  | 'auditor';

export interface SignedInUser {
  userId: string;
  username: string;
  displayName: string;
  roles: { role: Role; validUntil: string | null }[];
}

const ROLE_NAMES: Record<Role, string> = {
  administrator: 'administrator',
  referrer: 'referrer',
  irmer_practitioner: 'IR(ME)R practitioner',
  operator: 'operator',
  reporter: 'reporter',
  medical_physics_expert: 'medical physics expert',
  service_manager: 'service manager',
  auditor: 'auditor',
};

/** "Sarah Jones (reporter, IR(ME)R practitioner)": the name and roles shown in the header. */
export function signedInAs(user: SignedInUser): string {
  const roles = user.roles.map((r) => ROLE_NAMES[r.role]).join(', ');
  return `${user.displayName} (${roles === '' ? 'no current role' : roles})`;
}
