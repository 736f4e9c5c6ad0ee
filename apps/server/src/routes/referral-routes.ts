import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  authoriseReferral,
  cancelReferral,
  getReferral,
  listReferrals,
  listReferrers,
  readReferralCriteria,
  newReferralSchema,
  referralListSchema,
  referrerListSchema,
  registerReferral,
  returnReferral,
} from '@quantrad/service';
import { RETURN_REASONS } from '@quantrad/store';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const idParams = z.strictObject({ id: z.uuid() });

export function referralRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Referral worklist, oldest first, with the six-week clock',
        querystring: referralListSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listReferrals(await requestContext(deps, request), request.query)),
  );

  r.get(
    '/api/referrers',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Registered referrers by name, to choose who sent a referral (ROS 4.2-4.3)',
        querystring: referrerListSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listReferrers(await requestContext(deps, request), request.query)),
  );

  r.get(
    '/api/referral-criteria',
    {
      schema: {
        tags: ['referrals'],
        summary: 'The local written referral criteria every referral is matched against (ROS 4.3)',
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await readReferralCriteria(await requestContext(deps, request))),
  );

  r.post(
    '/api/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Register a received referral (ROS 4.3)',
        body: newReferralSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await registerReferral(await requestContext(deps, request), request.body), 201),
  );

  r.get(
    '/api/referrals/:id',
    { schema: { tags: ['referrals'], summary: 'One referral with its history', params: idParams } },
    async (request, reply) =>
      sendOutcome(reply, await getReferral(await requestContext(deps, request), request.params.id)),
  );

  r.post(
    '/api/referrals/:id/authorise',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'Justify and authorise (IR(ME)R practitioner), or authorise under written criteria (operator)',
        params: idParams,
        body: z.strictObject({
          basis: z.enum(['practitioner_justified', 'operator_under_written_criteria']),
          note: z.string().max(2000).optional(),
        }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await authoriseReferral(await requestContext(deps, request), {
          ...request.body,
          referralId: request.params.id,
        }),
      ),
  );

  r.post(
    '/api/referrals/:id/return',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Return to the referrer: inadequate information, inappropriate indication or unsigned',
        params: idParams,
        body: z.strictObject({ reason: z.enum(RETURN_REASONS), note: z.string().max(2000) }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await returnReferral(await requestContext(deps, request), {
          ...request.body,
          referralId: request.params.id,
        }),
      ),
  );

  r.post(
    '/api/referrals/:id/cancel',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Cancel with a reason',
        params: idParams,
        body: z.strictObject({ reason: z.string().max(2000) }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await cancelReferral(await requestContext(deps, request), {
          ...request.body,
          referralId: request.params.id,
        }),
      ),
  );
}
