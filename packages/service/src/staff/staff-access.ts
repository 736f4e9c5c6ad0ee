import type { Role } from '@quantrad/store';
import type { Actor } from '../actor.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';

// Who may keep and read staff training records. The employer keeps them (ROS 4.12: the employer ensures
// competency is evaluated and maintained; ROS 6: clear lines of management and accountability), so the
// service manager and the administrator record and read everyone's. The auditor reads them, as the
// records are audited (ROS 9.1: up-to-date training and CPD records; ROS 9.2). Every member of staff
// reads their own, records their own CPD (ROS 9.1: staff maintain their own CPD) and confirms they have
// read the local rules (Appendix 3: a record confirming who has read them).

export const STAFF_RECORD_KEEPERS: readonly Role[] = ['service_manager', 'administrator'];
export const STAFF_RECORD_READERS: readonly Role[] = [...STAFF_RECORD_KEEPERS, 'auditor'];

/** Lets the actor at a user's record: their own when ownAllowed, anyone's with one of the roles. */
export async function authoriseStaffRecord(
  ctx: ServiceContext,
  userId: string,
  access: { roles: readonly Role[]; ownAllowed: boolean; what: string; action: 'create' | 'read' },
): Promise<Outcome<Actor>> {
  const actor = ctx.actor;
  if (!actor) return fail('unauthenticated', 'sign in to continue');
  if (access.ownAllowed && actor.userId === userId) return ok(actor);
  const allowed = await authorise(ctx, access.roles, '*', {
    entityType: 'staff_record',
    entityId: userId,
    patientId: null,
    what: access.what,
    action: access.action,
  });
  return allowed.ok ? ok(allowed.value.actor) : allowed;
}
