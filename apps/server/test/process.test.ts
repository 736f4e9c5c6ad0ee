import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode } from '@quantrad/service';
import { createStore, openDatabase } from '@quantrad/store';
import { describe, expect, it } from 'vitest';
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

describe('the server process (npm start)', () => {
  it('starts on the embedded database with demo data, prints the URL and users, and stops cleanly on SIGTERM', async () => {
    const data = mkdtempSync(join(tmpdir(), 'quantrad-start-'));
    const server = await startServer({ QUANTRAD_DATA: data });
    expect(server.output()).toContain(`embedded PostgreSQL (PGlite) in ${data}`);
    expect(server.output()).toMatch(
      /irmer_practitioner\s+practitioner\s+password demo-practitioner-password/,
    );
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('SIGTERM: finishing requests in flight, then closing the database');
  }, 90_000);

  it('killed mid-write, keeps every acknowledged referral and nothing half-written', async () => {
    const data = mkdtempSync(join(tmpdir(), 'quantrad-crash-'));
    const server = await startServer({ QUANTRAD_DATA: data });
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

    const db = await openDatabase({ dataDir: data });
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
  }, 120_000);
});
