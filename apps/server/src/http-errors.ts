import type { FastifyReply } from 'fastify';
import type { ErrorCode, Outcome, ServiceError } from '@quantrad/service';

// One error format for every route: { "error": { "code", "message", "field"? } }.

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
};

export function sendError(reply: FastifyReply, error: ServiceError): FastifyReply {
  return reply.status(HTTP_STATUS[error.code]).send({ error });
}

/** Sends a use case's outcome: the value with the success status, or its error. */
export function sendOutcome<T>(reply: FastifyReply, outcome: Outcome<T>, status = 200): FastifyReply {
  return outcome.ok ? reply.status(status).send(outcome.value) : sendError(reply, outcome.error);
}
