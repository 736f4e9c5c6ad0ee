import type { FastifyRequest } from 'fastify';
import { actorForToken, type Actor, type ServiceContext } from '@quantrad/service';
import type { Store } from '@quantrad/store';

export interface ServerDeps {
  store: Store;
  now: () => Date;
  /** Whether entitlements need their training current (ROS 6.1); unset, the staff-training data decides. */
  trainingRequired?: boolean;
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** The service context for a request: the actor behind its bearer token (if any) and its address. */
export async function requestContext(deps: ServerDeps, request: FastifyRequest): Promise<ServiceContext> {
  const token = bearerToken(request);
  let actor: Actor | null = null;
  if (token !== null) {
    const resolved = await actorForToken(deps.store, token, deps.now());
    if (resolved.ok) actor = resolved.value;
  }
  return {
    store: deps.store,
    now: deps.now,
    actor,
    fromAddress: request.ip,
    ...(deps.trainingRequired === undefined ? {} : { trainingRequired: deps.trainingRequired }),
  };
}
