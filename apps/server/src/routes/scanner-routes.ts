import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listScanners, newScannerSchema, recordDailyQc, registerScanner } from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

export function scannerRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/scanners',
    { schema: { tags: ['scanners'], summary: "Scanners with today's daily QC status" } },
    async (request, reply) => sendOutcome(reply, await listScanners(await requestContext(deps, request))),
  );
  r.post(
    '/api/scanners',
    {
      schema: {
        tags: ['scanners'],
        summary: 'Add a scanner (medical physics expert, administrator)',
        body: newScannerSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await registerScanner(await requestContext(deps, request), request.body), 201),
  );
  r.post(
    '/api/scanners/:id/daily-qc',
    {
      schema: {
        tags: ['scanners'],
        summary: 'Record the daily QC phantom scan as passed or failed (ROS 5.1)',
        params: z.strictObject({ id: z.string().min(1) }),
        body: z.strictObject({
          passed: z.boolean(),
          measurements: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
          note: z.string().max(2000).nullable().optional(),
        }),
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordDailyQc(await requestContext(deps, request), {
          ...request.body,
          scannerId: request.params.id,
        }),
        201,
      ),
  );
}
