import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  beginTotpEnrolment,
  completeSecondFactor,
  confirmTotpEnrolment,
  signIn,
  signOut,
  signedInUser,
  type ServiceContext,
} from '@quantrad/service';
import { z } from 'zod';
import { sendError, sendOutcome } from '../http-errors.ts';
import { bearerToken, requestContext, type ServerDeps } from '../request-context.ts';

const code = z.strictObject({ code: z.string().min(1).max(64) });
const noToken = {
  code: 'unauthenticated',
  message: 'send the session token as "Authorization: Bearer TOKEN"',
} as const;

export function authRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (ip: string): ServiceContext => ({
    store: deps.store,
    now: deps.now,
    actor: null,
    fromAddress: ip,
  });

  r.post(
    '/api/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'First factor: username and password; returns a session token',
        body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1000) }),
      },
    },
    async (request, reply) => sendOutcome(reply, await signIn(base(request.ip), request.body)),
  );

  r.post(
    '/api/auth/second-factor',
    {
      schema: { tags: ['auth'], summary: 'Second factor: authenticator code or a recovery code', body: code },
    },
    async (request, reply) => {
      const token = bearerToken(request);
      if (token === null) return sendError(reply, noToken);
      return sendOutcome(
        reply,
        await completeSecondFactor(base(request.ip), { token, code: request.body.code }),
      );
    },
  );

  r.post(
    '/api/auth/totp/begin',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start authenticator set-up: secret, otpauth URI and QR code (SVG)',
      },
    },
    async (request, reply) => {
      const token = bearerToken(request);
      if (token === null) return sendError(reply, noToken);
      return sendOutcome(reply, await beginTotpEnrolment(base(request.ip), token));
    },
  );

  r.post(
    '/api/auth/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm the authenticator with a code; returns recovery codes once',
        body: code,
      },
    },
    async (request, reply) => {
      const token = bearerToken(request);
      if (token === null) return sendError(reply, noToken);
      return sendOutcome(
        reply,
        await confirmTotpEnrolment(base(request.ip), { token, code: request.body.code }),
      );
    },
  );

  r.post(
    '/api/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End the session' } },
    async (request, reply) => {
      const token = bearerToken(request);
      if (token === null) return sendError(reply, noToken);
      return sendOutcome(reply, await signOut(base(request.ip), token));
    },
  );

  r.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in with this session, and the roles their entitlements give them today',
      },
    },
    async (request, reply) => sendOutcome(reply, signedInUser(await requestContext(deps, request))),
  );
}
