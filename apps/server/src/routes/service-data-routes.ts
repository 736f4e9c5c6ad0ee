import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  serviceData,
  serviceDataCsv,
  serviceDataCsvFilename,
  serviceDataRangeSchema,
  type ServiceData,
} from '@quantrad/service';
import { z } from 'zod';
import { sendError } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const jsonQuery = serviceDataRangeSchema.extend({ format: z.enum(['json', 'csv']).default('json') });

function sendCsv(reply: FastifyReply, data: ServiceData): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${serviceDataCsvFilename(data)}"`)
    .send(serviceDataCsv(data));
}

/** Service data for a period (ROS 5), as JSON or as CSV for a spreadsheet. */
export function serviceDataRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/service-data',
    {
      schema: {
        tags: ['service'],
        summary:
          'Service data for a period, both days included: referrals, DNAs, waits, outcomes, QC (ROS 5)',
        querystring: jsonQuery,
      },
    },
    async (request, reply) => {
      const { format, ...range } = request.query;
      const data = await serviceData(await requestContext(deps, request), range);
      if (!data.ok) return sendError(reply, data.error);
      return format === 'csv' ? sendCsv(reply, data.value) : reply.send(data.value);
    },
  );
  r.get(
    '/api/service-data.csv',
    {
      schema: {
        tags: ['service'],
        summary: 'Service data for a period as CSV, one row per measure, to open in a spreadsheet (ROS 5)',
        querystring: serviceDataRangeSchema,
      },
    },
    async (request, reply) => {
      const data = await serviceData(await requestContext(deps, request), request.query);
      if (!data.ok) return sendError(reply, data.error);
      return sendCsv(reply, data.value);
    },
  );
}
