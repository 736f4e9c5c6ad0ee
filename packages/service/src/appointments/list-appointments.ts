import type { CalendarAppointment, Role } from '@quantrad/store';
import { z } from 'zod';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';

const READERS: readonly Role[] = [
  'operator',
  'administrator',
  'service_manager',
  'irmer_practitioner',
  'reporter',
];

export const appointmentListSchema = z.strictObject({
  from: z.iso.date(),
  /** Up to and including this date; one day when absent. */
  to: z.iso.date().optional(),
  scannerId: z.string().min(1).optional(),
});

/** The appointment list for a day or a range of days, by scanner and time, with whose each is. Audited. */
export async function listAppointments(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<CalendarAppointment[]>> {
  const parsed = validate(appointmentListSchema, input);
  if (!parsed.ok) return parsed;
  const q = parsed.value;
  const to = q.to ?? q.from;
  if (to < q.from) return fail('invalid', 'to: is before from', 'to');
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'appointment',
    entityId: null,
    patientId: null,
    what: 'reading appointments',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
  const items = await ctx.store.appointments.calendar(`${q.from}T00:00:00.000Z`, end, q.scannerId);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'appointment',
    entityId: null,
    patientId: null,
    detail: { from: q.from, to, scannerId: q.scannerId ?? null, ids: items.map((a) => a.id) },
  });
  return ok(items);
}
