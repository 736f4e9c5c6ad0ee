import type { PatientRecord } from '@quantrad/store';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';

export const registeredGpSchema = z.strictObject({
  /** The GP and practice address, as a copy of a report is addressed (ROS 4.6). */
  registeredGp: z.string().trim().min(1, { error: 'give the GP and practice address' }).max(500),
});

/** Records the practice a patient is registered with, so a report copy due to the GP can be sent. */
export async function recordRegisteredGp(
  ctx: ServiceContext,
  patientId: string,
  input: unknown,
): Promise<Outcome<PatientRecord>> {
  const parsed = validate(registeredGpSchema, input);
  if (!parsed.ok) return parsed;
  const patient = await ctx.store.patients.byId(patientId);
  if (!patient) return notFound('patient', patientId);
  const allowed = await authorise(
    ctx,
    ['operator', 'reporter', 'irmer_practitioner', 'service_manager', 'administrator'],
    '*',
    {
      entityType: 'patient',
      entityId: patient.id,
      patientId: patient.id,
      what: "recording a patient's GP",
      action: 'update',
    },
  );
  if (!allowed.ok) return allowed;
  const registeredGp = parsed.value.registeredGp;
  await ctx.store.transaction(async (tx) => {
    await tx.patients.setRegisteredGp(patient.id, registeredGp);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'patient',
      entityId: patient.id,
      patientId: patient.id,
      detail: { changed: ['registeredGp'] },
    });
  });
  return ok({ ...patient, registeredGp });
}
