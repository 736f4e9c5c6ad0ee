import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dayList, dayListSchema, recordScanVisit, scanVisitSchema, visitResults } from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

export function visitRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/visits/day',
    {
      schema: {
        tags: ['visits'],
        summary: "The day's list: appointments by time with the patient's identification and the visit",
        querystring: dayListSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await dayList(await requestContext(deps, request), request.query)),
  );
  r.get(
    '/api/visits/:id/results',
    {
      schema: {
        tags: ['visits', 'results'],
        summary: "A scan visit with its latest DXA results and the engine's assessment",
        params: z.strictObject({ id: z.uuid() }),
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await visitResults(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/visits',
    {
      schema: {
        tags: ['visits'],
        summary:
          'Record the scan visit: identification, pregnancy, questionnaire, height, weight, consent, sites (ROS 4.5)',
        body: scanVisitSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await recordScanVisit(await requestContext(deps, request), request.body), 201),
  );
}
