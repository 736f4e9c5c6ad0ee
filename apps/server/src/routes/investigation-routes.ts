import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { furtherInvestigationSchema, recordFurtherInvestigation } from '@quantrad/service';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

export function investigationRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/investigations',
    {
      schema: {
        tags: ['investigations'],
        summary: 'Record a further investigation or onward referral and its outcome (ROS 4.7)',
        body: furtherInvestigationSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordFurtherInvestigation(await requestContext(deps, request), request.body),
        201,
      ),
  );
}
