import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addAuditAction,
  addFinding,
  auditActionSchema,
  closeActionSchema,
  closeAudit,
  closeAuditAction,
  closeAuditSchema,
  createAudit,
  drawMonthlySample,
  drawSampleSchema,
  findingSchema,
  getAudit,
  listAudits,
  listAuditTypes,
  newAuditSchema,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const auditParams = z.strictObject({ id: z.uuid() });
const actionParams = z.strictObject({ id: z.uuid(), actionId: z.uuid() });
const tags = ['audit programme'];

/** The audit programme (ROS 9.2): monthly samples, audits, findings, actions and their closure. */
export function auditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/audits/samples',
    {
      schema: {
        tags,
        summary: "Draw a month's random 10% of referrals or scans from a recorded seed (ROS 9.2); drawn once",
        body: drawSampleSchema,
      },
    },
    async (request, reply) => {
      const drawn = await drawMonthlySample(await requestContext(deps, request), request.body);
      return sendOutcome(reply, drawn, drawn.ok && !drawn.value.drawn ? 200 : 201);
    },
  );
  r.get(
    '/api/audit-types',
    { schema: { tags, summary: 'The audit types an audit is opened as, with their sources' } },
    async (request, reply) => sendOutcome(reply, await listAuditTypes(await requestContext(deps, request))),
  );
  r.get('/api/audits', { schema: { tags, summary: 'Every audit, newest first' } }, async (request, reply) =>
    sendOutcome(reply, await listAudits(await requestContext(deps, request))),
  );
  r.post(
    '/api/audits',
    {
      schema: {
        tags,
        summary: 'Open an IR(ME)R or clinical quality audit over a period, optionally on a monthly sample',
        body: newAuditSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await createAudit(await requestContext(deps, request), request.body), 201),
  );
  r.get(
    '/api/audits/:id',
    {
      schema: {
        tags,
        summary:
          'An audit with its sample, findings, actions and what the data shows (report compliance, waits)',
        params: auditParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await getAudit(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/audits/:id/findings',
    {
      schema: {
        tags,
        summary: 'Record a finding with its severity',
        params: auditParams,
        body: findingSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await addFinding(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.post(
    '/api/audits/:id/actions',
    {
      schema: {
        tags,
        summary: 'Add an action with its owner and due date',
        params: auditParams,
        body: auditActionSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await addAuditAction(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.post(
    '/api/audits/:id/actions/:actionId/close',
    {
      schema: {
        tags,
        summary: 'Close an action with what was done',
        params: actionParams,
        body: closeActionSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await closeAuditAction(
          await requestContext(deps, request),
          request.params.id,
          request.params.actionId,
          request.body,
        ),
      ),
  );
  r.post(
    '/api/audits/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the audit with its conclusion (service manager; refused while an action is open)',
        params: auditParams,
        body: closeAuditSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await closeAudit(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
}
