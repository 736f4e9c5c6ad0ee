import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  commissioningCheckSchema,
  commissioningState,
  crossCalibrationSchema,
  listCrossCalibrations,
  recordCommissioningCheck,
  recordCrossCalibration,
  releaseScanner,
  releaseScannerSchema,
  startCommissioning,
  startCommissioningSchema,
} from '@quantrad/service';
import { z } from 'zod';
import { sendOutcome } from '../http-errors.ts';
import { requestContext, type ServerDeps } from '../request-context.ts';

const scannerParams = z.strictObject({ id: z.string().min(1) });

/** Commissioning and acceptance of a new scanner (ROS Appendix 3) and cross-calibration (ISCD 2019). */
export function commissioningRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/scanners/:id/commissioning',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Start commissioning a scanner: out of clinical use until a physicist releases it',
        params: scannerParams,
        body: startCommissioningSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await startCommissioning(await requestContext(deps, request), request.params.id, request.body),
        201,
      ),
  );
  r.get(
    '/api/scanners/:id/commissioning',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'The commissioning checklist with each item done, not applicable or outstanding',
        params: scannerParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await commissioningState(await requestContext(deps, request), request.params.id)),
  );
  r.put(
    '/api/scanners/:id/commissioning/items/:code',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Record a commissioning checklist item as done (with evidence) or not applicable (with why)',
        params: z.strictObject({ id: z.string().min(1), code: z.string().min(1).max(80) }),
        body: commissioningCheckSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordCommissioningCheck(
          await requestContext(deps, request),
          request.params.id,
          request.params.code,
          request.body,
        ),
      ),
  );
  r.post(
    '/api/scanners/:id/commissioning/release',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'The physicist releases the scanner for clinical use once nothing is outstanding',
        params: scannerParams,
        body: releaseScannerSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await releaseScanner(await requestContext(deps, request), request.params.id, request.body),
      ),
  );
  r.post(
    '/api/cross-calibrations',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Record a cross-calibration from an old scanner to a new one (in vivo, phantom or stated)',
        body: crossCalibrationSchema,
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await recordCrossCalibration(await requestContext(deps, request), request.body),
        201,
      ),
  );
  r.get(
    '/api/scanners/:id/cross-calibrations',
    {
      schema: {
        tags: ['quality assurance'],
        summary: 'Cross-calibrations to or from a scanner, newest first',
        params: scannerParams,
      },
    },
    async (request, reply) =>
      sendOutcome(reply, await listCrossCalibrations(await requestContext(deps, request), request.params.id)),
  );
}
