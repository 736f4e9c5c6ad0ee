import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  auditTrailQuerySchema,
  auditVerificationQuerySchema,
  searchAuditTrail,
  verifyAuditTrail,
} from '@quantrad/service';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const tags = ['audit trail'];

/** The hash-chained audit trail: filtered pages of it, and its chain verified a stretch at a time. */
export function auditTrailRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit-trail',
    {
      schema: {
        tags,
        summary:
          'The audit trail, newest first, by actor, action, record type and dates (auditor, manager, administrator)',
        querystring: auditTrailQuerySchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await searchAuditTrail(await requestContext(deps, request), request.query)),
  );
  r.get(
    '/api/audit-trail/verification',
    {
      schema: {
        tags,
        summary: 'Verify the hash chain for the events after afterSeq (a stretch); walk on until done',
        querystring: auditVerificationQuerySchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await verifyAuditTrail(await requestContext(deps, request), request.query)),
  );
}
