import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addEntitlement,
  createUser,
  deactivateUser,
  deactivateUserSchema,
  endEntitlement,
  endEntitlementSchema,
  entitlementInputSchema,
  getUser,
  listUsers,
  newUserSchema,
  userListSchema,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const userParams = z.strictObject({ id: z.uuid() });

/** Users and their entitlements (administrator; ROS 4.1). */
export function userRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
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
  r.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users with their entitlements, filtered by role and name, a page at a time (administrator)',
        querystring: userListSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listUsers(await requestContext(deps, request), request.query)),
  );
  r.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'A user with their entitlements and reporter profile (administrator)',
        params: userParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await getUser(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/users/:id/entitlements',
    {
      schema: {
        tags: ['users'],
        summary: 'Give a user an entitlement from a date, until a date or open-ended (administrator)',
        params: userParams,
        body: entitlementInputSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await addEntitlement(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.post(
    '/api/users/:id/entitlements/:entitlementId/end',
    {
      schema: {
        tags: ['users'],
        summary: 'End an entitlement now (administrator; not your own last administrator entitlement)',
        params: z.strictObject({ id: z.uuid(), entitlementId: z.uuid() }),
        body: endEntitlementSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await endEntitlement(
          await requestContext(deps, request),
          request.params.id,
          request.params.entitlementId,
          request.body,
        ),
      ),
  );
  r.post(
    '/api/users/:id/deactivate',
    {
      schema: {
        tags: ['users'],
        summary: 'Deactivate a user: no more sign-in (administrator; not your own account)',
        params: userParams,
        body: deactivateUserSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await deactivateUser(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
}
