import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordScanVisit, scanVisitSchema } from '@quantrad/service';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

export function visitRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
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
