import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { sendError } from './http-errors.ts';
import type { ServerDeps } from './request-context.ts';
import { appointmentRoutes } from './routes/appointment-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { investigationRoutes } from './routes/investigation-routes.ts';
import { equipmentRoutes } from './routes/equipment-routes.ts';
import { commissioningRoutes } from './routes/commissioning-routes.ts';
import { serviceDataRoutes } from './routes/service-data-routes.ts';
import { patientRoutes } from './routes/patient-routes.ts';
import { qaRoutes } from './routes/qa-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { auditTrailRoutes } from './routes/audit-trail-routes.ts';
import { incidentRoutes } from './routes/incident-routes.ts';
import { referralRoutes } from './routes/referral-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { resultRoutes } from './routes/result-routes.ts';
import { scannerRoutes } from './routes/scanner-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { visitRoutes } from './routes/visit-routes.ts';
import { serveWebApp } from './web-app.ts';

export interface ServerOptions extends ServerDeps {
  logger?: boolean;
  /** The built web application to serve at / (apps/web/dist); none when omitted (API tests). */
  webRoot?: string;
}

/** The HTTP service: JSON under /api, the OpenAPI document at /api/openapi.json, health at /api/health. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: false, bodyLimit: 5 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, _request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const place = (error.validationContext ?? 'body') as string;
      const path = (first?.instancePath ?? '')
        .split('/')
        .filter((p) => p !== '')
        .join('.');
      const field = path === '' ? place : path;
      return sendError(reply, {
        code: 'invalid',
        message: `${field}: ${first?.message ?? 'invalid'}`,
        field,
      });
    }
    const status =
      typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : 'bad request';
      return sendError(reply, { code: 'invalid', message });
    }
    reply.log.error(error);
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'the server failed; nothing was changed' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } }),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'quantrad',
        version: '0.1.0',
        description: 'Bone densitometry and quantitative CT service API',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/api/health', async () => {
    await options.store.db.query('SELECT 1');
    return { status: 'ok', database: options.store.db.kind };
  });
  authRoutes(app, options);
  userRoutes(app, options);
  referralRoutes(app, options);
  scannerRoutes(app, options);
  appointmentRoutes(app, options);
  visitRoutes(app, options);
  resultRoutes(app, options);
  reportRoutes(app, options);
  investigationRoutes(app, options);
  patientRoutes(app, options);
  qaRoutes(app, options);
  equipmentRoutes(app, options);
  commissioningRoutes(app, options);
  auditRoutes(app, options);
  auditTrailRoutes(app, options);
  incidentRoutes(app, options);
  staffRoutes(app, options);
  serviceDataRoutes(app, options);
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  if (options.webRoot !== undefined) await serveWebApp(app, options.webRoot);
  await app.ready();
  return app;
}
