// Who is signed in, as GET /api/auth/session answers (packages/service/src/users/signed-in-user.ts).
import { ROLE_NAMES, type Role } from '../roles.ts';

export interface SignedInUser {
  userId: string;
  username: string;
  displayName: string;
  roles: { role: Role; validUntil: string | null }[];
}

/** "Sarah Jones (Reporter, IR(ME)R practitioner)": the name and roles shown in the header. */
export function signedInAs(user: SignedInUser): string {
  const roles = user.roles.map((r) => ROLE_NAMES[r.role]).join(', ');
  return `${user.displayName} (${roles === '' ? 'no current role' : roles})`;
}
