import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordRegisteredGp, registeredGpSchema } from '@quantrad/service';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const idParams = z.strictObject({ id: z.uuid() });

export function patientRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().put(
    '/api/patients/:id/registered-gp',
    {
      schema: {
        tags: ['patients'],
        summary: "Record the patient's registered GP, for report copies (ROS 4.6)",
        params: idParams,
        body: registeredGpSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordRegisteredGp(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
}
