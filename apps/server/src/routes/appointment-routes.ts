import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  appointmentListSchema,
  bookAppointment,
  bookAppointmentSchema,
  cancelAppointment,
  getBookingDetail,
  listAppointments,
  rebookAppointment,
  recordDidNotAttend,
  sendDueReminders,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const idParams = z.strictObject({ id: z.uuid() });

export function appointmentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Appointments for a day or range, by scanner and time',
        querystring: appointmentListSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listAppointments(await requestContext(deps, request), request.query)),
  );
  r.get(
    '/api/referrals/:id/booking',
    {
      schema: {
        tags: ['appointments'],
        summary: 'One referral’s bookings: the clock, the follow-up scanner, appointments and letters',
        params: idParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await getBookingDetail(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Book an authorised referral and write the letter (ROS 4.4)',
        body: bookAppointmentSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await bookAppointment(await requestContext(deps, request), request.body), 201),
  );
  r.post(
    '/api/appointments/:id/cancel',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Cancel at the patient’s or the service’s request',
        params: idParams,
        body: z.strictObject({ requestedBy: z.enum(['patient', 'service']), reason: z.string().max(1000) }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await cancelAppointment(await requestContext(deps, request), {
          ...request.body,
          appointmentId: request.params.id,
        }),
      ),
  );
  r.post(
    '/api/appointments/:id/rebook',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Move to a new time (and scanner); a new letter is written',
        params: idParams,
        body: z.strictObject({
          startsAt: z.iso.datetime({ offset: true }),
          scannerId: z.string().min(1).optional(),
          reason: z.string().max(1000),
        }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await rebookAppointment(await requestContext(deps, request), {
          ...request.body,
          appointmentId: request.params.id,
        }),
      ),
  );
  r.post(
    '/api/appointments/:id/did-not-attend',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Record a did-not-attend; the local policy rebooks or discharges',
        params: idParams,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordDidNotAttend(await requestContext(deps, request), { appointmentId: request.params.id }),
      ),
  );
  r.post(
    '/api/appointments/reminders',
    { schema: { tags: ['appointments'], summary: 'Write the reminders now due (ROS 4.4)' } },
    async (request, reply) => sendOutcome(reply, await sendDueReminders(await requestContext(deps, request))),
  );
}
