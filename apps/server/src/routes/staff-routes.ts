import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  cpdEntrySchema,
  listTraining,
  localRulesReadSchema,
  recordCpd,
  recordLocalRulesRead,
  recordTraining,
  trainingLapses,
  trainingLapsesQuerySchema,
  trainingRecordSchema,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const userParams = z.strictObject({ id: z.uuid() });

/** Staff training and competency, CPD, local rules read, and who lapses when (ROS 6.1, 9.1). */
export function staffRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/users/:id/training',
    {
      schema: {
        tags: ['staff'],
        summary: "A member of staff's training, the entitlements it supports, local rules read and CPD",
        params: userParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listTraining(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/users/:id/training',
    {
      schema: {
        tags: ['staff'],
        summary: 'Record training or a competency; it expires after its renewal period unless told',
        params: userParams,
        body: trainingRecordSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordTraining(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.post(
    '/api/users/:id/cpd',
    {
      schema: {
        tags: ['staff'],
        summary: 'Record a CPD activity (your own, or anyone’s as a manager)',
        params: userParams,
        body: cpdEntrySchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordCpd(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.post(
    '/api/users/:id/local-rules-read',
    {
      schema: {
        tags: ['staff'],
        summary: 'Record that a member of staff has read the local rules (the version in force unless told)',
        params: userParams,
        body: localRulesReadSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordLocalRulesRead(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.get(
    '/api/staff/training-lapses',
    {
      schema: {
        tags: ['staff'],
        summary: 'Who has lapsed or lapses within N days (default 90), in what, and which entitlements stop',
        querystring: trainingLapsesQuerySchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await trainingLapses(await requestContext(deps, request), request.query)),
  );
}
