import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { REPORT_FORMATS } from '@quantrad/reporting';
import {
  amendDxaReport,
  amendReportSchema,
  draftDxaReport,
  draftReportSchema,
  issueReport,
  listReportWorklist,
  renderServiceReport,
  reportVersions,
  reportWorklistSchema,
  reporterProfileSchema,
  reviseDxaReport,
  reviseReportSchema,
  serviceDetailsSchema,
  setReporterProfile,
  setServiceDetails,
  signDxaReport,
} from '@quantrad/service';
import { z } from 'zod';
import { sendError, sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const idParams = z.strictObject({ id: z.uuid() });
const CONTENT_TYPE = {
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  fhir: 'application/fhir+json',
} as const;

export function reportRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Draft the report of a scanned visit from its results (reporter)',
        body: draftReportSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await draftDxaReport(await requestContext(deps, request), request.body), 201),
  );
  r.post(
    '/api/reports/:id/revise',
    {
      schema: {
        tags: ['reports'],
        summary: 'Revise a draft (wording rules checked)',
        params: idParams,
        body: reviseReportSchema.omit({ reportId: true }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await reviseDxaReport(await requestContext(deps, request), {
          ...request.body,
          reportId: request.params.id,
        }),
      ),
  );
  r.post(
    '/api/reports/:id/sign',
    { schema: { tags: ['reports'], summary: 'Sign the draft', params: idParams } },
    async (request, reply) =>
      sendOutcome(reply, await signDxaReport(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/reports/:id/amend',
    {
      schema: {
        tags: ['reports'],
        summary: 'A new signed version with its reason; earlier versions kept',
        params: idParams,
        body: amendReportSchema.omit({ reportId: true }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await amendDxaReport(await requestContext(deps, request), {
          ...request.body,
          reportId: request.params.id,
        }),
      ),
  );
  r.post(
    '/api/reports/:id/issue',
    {
      schema: {
        tags: ['reports'],
        summary: 'Issue the latest signed version to the referrer',
        params: idParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await issueReport(await requestContext(deps, request), request.params.id)),
  );
  r.get(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'The reporting worklist: visits to report, drafts to sign, versions to issue',
        querystring: reportWorklistSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listReportWorklist(await requestContext(deps, request), request.query)),
  );
  r.get(
    '/api/reports/:id/versions',
    {
      schema: {
        tags: ['reports'],
        summary: 'Every version of a report: who, when, why; and the wording context for the editor',
        params: idParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await reportVersions(await requestContext(deps, request), request.params.id)),
  );
  r.get(
    '/api/reports/:id/versions/:version',
    {
      schema: {
        tags: ['reports'],
        summary: 'One version of a report as text, HTML, PDF or FHIR R4',
        params: z.strictObject({ id: z.uuid(), version: z.coerce.number().int().min(1) }),
        querystring: z.strictObject({ format: z.enum(REPORT_FORMATS).default('text') }),
      },
    },
    async (request, reply) => {
      const rendered = await renderServiceReport(
        await requestContext(deps, request),
        request.params.id,
        request.query.format,
        request.params.version,
      );
      if (!rendered.ok) return sendError(reply, rendered.error);
      return reply.type(CONTENT_TYPE[request.query.format]).send(rendered.value);
    },
  );
  r.get(
    '/api/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'The latest version as text, HTML, PDF or FHIR R4',
        params: idParams,
        querystring: z.strictObject({ format: z.enum(REPORT_FORMATS).default('text') }),
      },
    },
    async (request, reply) => {
      const rendered = await renderServiceReport(
        await requestContext(deps, request),
        request.params.id,
        request.query.format,
      );
      if (!rendered.ok) return sendError(reply, rendered.error);
      return reply.type(CONTENT_TYPE[request.query.format]).send(rendered.value);
    },
  );
  r.put(
    '/api/service-details',
    {
      schema: {
        tags: ['service'],
        summary: 'The service name, address and advice line on reports and letters',
        body: serviceDetailsSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await setServiceDetails(await requestContext(deps, request), request.body)),
  );
  r.put(
    '/api/users/:id/reporter-profile',
    {
      schema: {
        tags: ['users'],
        summary: 'A reporter’s title and professional registration (administrator)',
        params: idParams,
        body: reporterProfileSchema.omit({ userId: true }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await setReporterProfile(await requestContext(deps, request), {
          ...request.body,
          userId: request.params.id,
        }),
      ),
  );
}
