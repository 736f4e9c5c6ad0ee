import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  closeAlertSchema,
  closeQaAlert,
  handOverSchema,
  handOverToEngineer,
  logMaintenance,
  maintenanceEntrySchema,
  maintenanceLog,
  receiveBackSchema,
  receiveFromEngineer,
  listPrecisionStudies,
  precisionStudySchema,
  recordPrecisionStudy,
  phantomBaselineSchema,
  phantomChart,
  phantomScanSchema,
  recordPhantomScan,
  setPhantomBaseline,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const scannerParams = z.strictObject({ id: z.string().min(1) });
const entryParams = z.strictObject({ id: z.uuid() });

/** Phantom QA (ROS 5.1, Appendix 3): the baseline, each day's phantom scan and the control chart. */
export function qaRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.put(
    '/api/scanners/:id/phantom-baseline',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Set the phantom baseline from at least 10 scans (medical physics expert; ROS Appendix 3)',
        params: scannerParams,
        body: phantomBaselineSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await setPhantomBaseline(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
  r.post(
    '/api/scanners/:id/phantom-scans',
    {
      schema: {
        tags: ['quality assurance'],
        summary: "Record the day's phantom scan: checked by Shewhart rules and CUSUM; decides the day's QC",
        params: scannerParams,
        body: phantomScanSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordPhantomScan(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.post(
    '/api/scanners/:id/precision-studies',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Record a precision study (ISCD 15 x 3 or 30 x 2); a compliant site sets the scanner LSC',
        params: scannerParams,
        body: precisionStudySchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordPrecisionStudy(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.get(
    '/api/scanners/:id/precision-studies',
    {
      schema: {
        tags: ['quality assurance'],
        summary: "A scanner's precision studies, newest first",
        params: scannerParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listPrecisionStudies(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/scanners/:id/maintenance',
    {
      schema: {
        tags: ['quality assurance'],
        summary: "Add a fault, maintenance visit or upgrade to the scanner's log (ROS 5.2)",
        params: scannerParams,
        body: maintenanceEntrySchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await logMaintenance(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.get(
    '/api/scanners/:id/maintenance',
    {
      schema: {
        tags: ['quality assurance'],
        summary: "The scanner's maintenance and fault log, newest first",
        params: scannerParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await maintenanceLog(await requestContext(deps, request), request.params.id)),
  );
  r.post(
    '/api/maintenance/:id/hand-over',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Hand the scanner over to the service engineer: out of clinical use (ROS 5.2)',
        params: entryParams,
        body: handOverSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await handOverToEngineer(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
  r.post(
    '/api/maintenance/:id/receive-back',
    {
      schema: {
        tags: ['quality assurance'],
        summary: "Receive the scanner back into clinical use, with the engineer's report and the checks made",
        params: entryParams,
        body: receiveBackSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await receiveFromEngineer(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
  r.post(
    '/api/qa-alerts/:id/close',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Close a QA alert with what was found and done (medical physics expert)',
        params: entryParams,
        body: closeAlertSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await closeQaAlert(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
  r.get(
    '/api/scanners/:id/phantom-chart',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'The phantom control chart against the current baseline, with open alerts',
        params: scannerParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await phantomChart(await requestContext(deps, request), request.params.id)),
  );
}
