import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addAncillaryEquipment,
  ancillaryEquipmentSchema,
  calibrationCheckSchema,
  listAncillaryEquipment,
  recordCalibrationCheck,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

/** Weighing scales, stadiometers and hoists, and their calibration checks (ROS 5.2). */
export function equipmentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/equipment',
    {
      schema: {
        tags: ['quality assurance'],
        summary:
          'Scales, stadiometers and hoists with their calibration state: in date, due, overdue, failed',
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listAncillaryEquipment(await requestContext(deps, request))),
  );
  r.post(
    '/api/equipment',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Add scales, a stadiometer or a hoist, with its check interval',
        body: ancillaryEquipmentSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await addAncillaryEquipment(await requestContext(deps, request), request.body), 201),
  );
  r.post(
    '/api/equipment/:id/checks',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Record a calibration check, passed or failed',
        params: z.strictObject({ id: z.uuid() }),
        body: calibrationCheckSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordCalibrationCheck(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
}
