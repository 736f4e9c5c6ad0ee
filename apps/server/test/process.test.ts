import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode } from '@quantrad/service';
import {
  createStore,
  freshPostgresDatabase,
  openDatabase,
  POSTGRES_SKIP_REASON,
  type Database,
} from '@quantrad/store';
import { afterAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../src/demo-data.ts';
import { startServer } from './server-process.ts';

async function operatorToken(url: string): Promise<string> {
  const operator = demoUsers().find((u) => u.role === 'operator');
  if (!operator) throw new Error('no demo operator');
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: operator.username, password: operator.password }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const second = await fetch(`${url}/api/auth/second-factor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ code: totpCode(operator.totpSecret, new Date()) }),
  });
  expect(second.status).toBe(200);
  return token;
}

function referral(n: number): string {
  return JSON.stringify({
    patient: {
      identifier: `crash-${String(n)}`,
      familyName: 'Crash',
      givenNames: `Test ${String(n)}`,
      birthDate: '1950-01-01',
      address: '1 Test Road',
      sex: 'female',
    },
    referrerId: '0b7d8a4e-6f1c-4d1e-9f0a-000000000001',
    source: 'gp',
    examination: 'dxa',
    indications: ['fragility_fracture'],
    clinicalInformation: 'Wrist fracture from standing height.',
    signedByReferrer: true,
    method: 'electronic',
  });
}

/** Where a server process keeps its data, and how the test opens the same database afterwards. */
interface ProcessBackend {
  name: string;
  postgres: boolean;
  /** The line `npm start` prints about the database it opened. */
  describes: RegExp;
  prepare: () => Promise<{ env: Record<string, string>; open: () => Promise<Database> }>;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const BACKENDS: ProcessBackend[] = [
  {
    name: 'embedded database',
    postgres: false,
    describes: /embedded PostgreSQL \(PGlite\) in \S*quantrad-process-/,
    prepare: () => {
      const data = mkdtempSync(join(tmpdir(), 'quantrad-process-'));
      return Promise.resolve({ env: { QUANTRAD_DATA: data }, open: () => openDatabase({ dataDir: data }) });
    },
  },
  {
    name: 'PostgreSQL server',
    postgres: true,
    describes: /opening PostgreSQL at /,
    prepare: async () => {
      const fresh = await freshPostgresDatabase();
      if (!fresh) throw new Error('DATABASE_URL is not set');
      cleanups.push(fresh.drop);
      return { env: { DATABASE_URL: fresh.url }, open: () => openDatabase({ databaseUrl: fresh.url }) };
    },
  },
];

if (POSTGRES_SKIP_REASON) console.warn(`server process on PostgreSQL: ${POSTGRES_SKIP_REASON}`);

describe.each(BACKENDS)('the server process (npm start) on the $name', (backend) => {
  const skip = backend.postgres && POSTGRES_SKIP_REASON !== null;

  it.skipIf(skip)(
    'starts with demo data, prints the URL and users, and stops cleanly on SIGTERM',
    async () => {
      const { env } = await backend.prepare();
      const server = await startServer(env);
      expect(server.output()).toMatch(backend.describes);
      expect(server.output()).toMatch(
        /irmer_practitioner\s+practitioner\s+password demo-practitioner-password/,
      );
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toEqual({
        status: 'ok',
        database: backend.postgres ? 'postgres' : 'pglite',
      });
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.output()).toContain('SIGTERM: finishing requests in flight, then closing the database');
    },
    90_000,
  );

  it.skipIf(skip)(
    'killed mid-write, keeps every acknowledged referral and nothing half-written',
    async () => {
      const { env, open } = await backend.prepare();
      const server = await startServer(env);
      const token = await operatorToken(server.url);
      const acknowledged: string[] = [];
      const writes = Array.from({ length: 60 }, (_, n) =>
        fetch(`${server.url}/api/referrals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: referral(n),
        })
          .then(async (r) => {
            if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
            if (acknowledged.length === 10) server.child.kill('SIGKILL');
          })
          .catch(() => undefined),
      );
      await Promise.all(writes);
      expect((await server.exited).signal).toBe('SIGKILL');
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);
      expect(acknowledged.length).toBeLessThan(60);

      const db = await open();
      try {
        const store = createStore(db);
        for (const id of acknowledged) expect(await store.referrals.byId(id), id).not.toBeNull();
        // Every referral and patient written has its audit event, and no audit event names a missing row.
        const [counts] = await db.query(`SELECT
          (SELECT count(*)::int FROM referral r WHERE NOT EXISTS (SELECT 1 FROM audit_event a
             WHERE a.entity_type = 'referral' AND a.action = 'create' AND a.entity_id = r.id::text)) AS unaudited,
          (SELECT count(*)::int FROM audit_event a WHERE a.entity_type = 'referral' AND a.action = 'create'
             AND a.outcome = 'success' AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.id::text = a.entity_id)) AS orphaned,
          (SELECT count(*)::int FROM patient p WHERE p.identifier LIKE 'crash-%' AND NOT EXISTS
             (SELECT 1 FROM referral r WHERE r.patient_id = p.id)) AS patients_without_referral`);
        expect(counts).toEqual({ unaudited: 0, orphaned: 0, patients_without_referral: 0 });
        expect((await store.audit.verify()).problems).toEqual([]);
      } finally {
        await db.close();
      }
    },
    120_000,
  );
});

describe('serving from several worker processes (--workers)', () => {
  it('refuses more than one worker on the embedded database, saying why', async () => {
    const data = mkdtempSync(join(tmpdir(), 'quantrad-workers-'));
    await expect(startServer({ QUANTRAD_DATA: data }, ['--workers', '2'])).rejects.toThrow(
      /workers: more than one worker needs PostgreSQL \(set DATABASE_URL\)/,
    );
  }, 60_000);

  it.skipIf(POSTGRES_SKIP_REASON !== null)(
    'on PostgreSQL, serves concurrent writes from the workers into one audit chain and stops them all on SIGTERM',
    async () => {
      const postgres = BACKENDS[1];
      if (!postgres) throw new Error('no PostgreSQL backend');
      const { env, open } = await postgres.prepare();
      const server = await startServer(env, ['--workers', '2']);
      expect(server.output()).toContain('; 2 workers)');
      // Concurrent connections are handed to the workers in turn; the session is in the database, so any
      // worker accepts the token another issued.
      const token = await operatorToken(server.url);
      const created = await Promise.all(
        Array.from({ length: 20 }, async (_, n) => {
          const response = await fetch(`${server.url}/api/referrals`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: referral(100 + n),
          });
          expect(response.status).toBe(201);
          return ((await response.json()) as { id: string }).id;
        }),
      );
      expect(new Set(created).size).toBe(20);
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      // No worker is left listening once the primary has gone.
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      const db = await open();
      try {
        // The audit chain written by two processes at once is one unbroken chain.
        expect((await createStore(db).audit.verify()).problems).toEqual([]);
      } finally {
        await db.close();
      }
    },
    120_000,
  );
});
