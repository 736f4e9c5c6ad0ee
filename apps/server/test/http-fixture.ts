import type { FastifyInstance } from 'fastify';
import { totpCode } from '@quantrad/service';
import { createStore, type Database, type Role, type Store } from '@quantrad/store';
import { buildServer } from '../src/build-server.ts';
import { demoUsers, seedDemoData } from '../src/demo-data.ts';

export interface HttpFixture {
  app: FastifyInstance;
  store: Store;
  db: Database;
  /** A signed-in bearer token for the demo user holding the role. */
  tokens: Map<Role, string>;
  close: () => Promise<void>;
}

export const NOW = new Date('2026-11-23T09:00:00Z');

/** The server on a fresh database with the demo data, and every demo user signed in over HTTP. */
export async function httpFixture(db: Database): Promise<HttpFixture> {
  const store = createStore(db);
  const now = (): Date => NOW;
  await seedDemoData(store, now);
  const app = await buildServer({ store, now });
  const tokens = new Map<Role, string>();
  for (const u of demoUsers()) {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: u.username, password: u.password },
    });
    const { token } = signIn.json<{ token: string }>();
    const second = await app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      headers: { authorization: `Bearer ${token}` },
      payload: { code: totpCode(u.totpSecret, NOW) },
    });
    if (second.statusCode !== 200) throw new Error(`second factor for ${u.username}: ${second.body}`);
    tokens.set(u.role, token);
  }
  return {
    app,
    store,
    db,
    tokens,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export function bearer(f: HttpFixture, role: Role): { authorization: string } {
  const token = f.tokens.get(role);
  if (token === undefined) throw new Error(`no token for ${role}`);
  return { authorization: `Bearer ${token}` };
}
