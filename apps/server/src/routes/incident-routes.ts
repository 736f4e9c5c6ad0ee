import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  analyseIncident,
  closeIncident,
  getIncident,
  incidentAnalysisSchema,
  listIncidents,
  newIncidentSchema,
  reportIncident,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const incidentParams = z.strictObject({ id: z.uuid() });
const tags = ['incidents'];

/** Incidents and near misses (ROS 5): reported by staff, analysed for root cause, closed. */
export function incidentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/incidents',
    {
      schema: {
        tags,
        summary: 'Report an incident or near miss, and whether it is IR(ME)R notifiable (any staff)',
        body: newIncidentSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await reportIncident(await requestContext(deps, request), request.body), 201),
  );
  r.get(
    '/api/incidents',
    { schema: { tags, summary: 'Every incident, newest first' } },
    async (request, reply) => sendOutcome(reply, await listIncidents(await requestContext(deps, request))),
  );
  r.get(
    '/api/incidents/:id',
    { schema: { tags, summary: 'One incident with its analysis', params: incidentParams } },
    async (request, reply) =>
      sendOutcome(reply, await getIncident(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/incidents/:id/analysis',
    {
      schema: {
        tags,
        summary: 'Record the root cause analysis, contributory factors, outcome and actions',
        params: incidentParams,
        body: incidentAnalysisSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await analyseIncident(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
  r.post(
    '/api/incidents/:id/close',
    { schema: { tags, summary: 'Close an analysed incident (service manager)', params: incidentParams } },
    async (request, reply) =>
      sendOutcome(reply, await closeIncident(await requestContext(deps, request), request.params.id)),
  );
}
