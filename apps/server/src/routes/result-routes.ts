import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dxaResultsSchema,
  enterDxaResults,
  importDxaResultsCsv,
  importResultsCsvSchema,
  setScannerLsc,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

export function resultRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/results/dxa',
    {
      schema: {
        tags: ['results'],
        summary:
          'Enter or correct a visit’s DXA site values; the engine runs with the scanner LSC and priors',
        body: dxaResultsSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await enterDxaResults(await requestContext(deps, request), request.body), 201),
  );
  r.post(
    '/api/results/dxa/import',
    {
      schema: {
        tags: ['results'],
        summary:
          'Import a visit’s results from the scanner’s CSV export; send Idempotency-Key to make retries safe',
        body: importResultsCsvSchema,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await importDxaResultsCsv(
          await requestContext(deps, request),
          request.body,
          request.headers['idempotency-key'] ?? null,
        ),
        201,
      ),
  );
  r.put(
    '/api/scanners/:id/lsc',
    {
      schema: {
        tags: ['scanners'],
        summary: 'Record a site’s least significant change from a precision study (medical physics expert)',
        params: z.strictObject({ id: z.string().min(1) }),
        body: z.strictObject({
          site: z.string().min(1),
          side: z.enum(['left', 'right']).nullable().optional(),
          lscGcm2: z.number(),
          source: z.string(),
        }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await setScannerLsc(await requestContext(deps, request), {
          ...request.body,
          scannerId: request.params.id,
        }),
      ),
  );
}
