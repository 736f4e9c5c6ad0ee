import { z } from 'zod';

export const bookAppointmentSchema = z.strictObject({
  referralId: z.uuid(),
  scannerId: z.string().min(1),
  startsAt: z.iso.datetime({ offset: true }),
  /** Needed when a follow-up scan is not on the scanner of the previous scan (ROS 4.4). */
  scannerOverrideReason: z.string().trim().min(1).max(500).optional(),
});

export const cancelAppointmentSchema = z.strictObject({
  appointmentId: z.uuid(),
  requestedBy: z.enum(['patient', 'service']),
  reason: z.string().trim().min(1, { error: 'give the reason' }).max(1000),
});

export const rebookAppointmentSchema = z.strictObject({
  appointmentId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  scannerId: z.string().min(1).optional(),
  reason: z.string().trim().min(1, { error: 'give the reason' }).max(1000),
});

export const didNotAttendSchema = z.strictObject({ appointmentId: z.uuid() });
