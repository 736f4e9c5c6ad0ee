import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createUser, newUserSchema } from '@quantrad/service';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

export function userRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a user with entitlements (administrator)',
        body: newUserSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await createUser(await requestContext(deps, request), request.body), 201),
  );
}
