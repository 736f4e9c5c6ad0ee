import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, openDatabase } from '@quantrad/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// The commands run on embedded databases in temporary folders: DATABASE_URL is cleared for the test so
// that a CI PostgreSQL is never touched.

const KEY = 'operator backup passphrase';
const dir = mkdtempSync(join(tmpdir(), 'quantrad-db-cli-'));
const source = join(dir, 'source');
const target = join(dir, 'target');
const backupFile = join(dir, 'backup.qrbk');
const saved = { url: process.env['DATABASE_URL'], key: process.env['QUANTRAD_BACKUP_KEY'] };

describe('quantrad db backup | restore and quantrad audit verify', () => {
  beforeAll(async () => {
    delete process.env['DATABASE_URL'];
    process.env['QUANTRAD_BACKUP_KEY'] = KEY;
    const db = await openDatabase({ dataDir: source });
    const store = createStore(db);
    for (let n = 1; n <= 4; n++) {
      await store.transaction((tx) =>
        tx.audit.append({
          at: `2026-11-23T09:0${String(n)}:00.000Z`,
          actorId: null,
          actorName: 'ops',
          actorRoles: 'operator',
          action: 'read',
          entityType: 'referral',
          entityId: String(n),
          patientId: null,
          fromAddress: null,
          outcome: 'success',
          detail: {},
        }),
      );
    }
    await db.close();
  }, 60_000);
  afterAll(() => {
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
    if (saved.key !== undefined) process.env['QUANTRAD_BACKUP_KEY'] = saved.key;
    else delete process.env['QUANTRAD_BACKUP_KEY'];
  });

  it('backs up, restores into an empty database and verifies the restored audit trail', async () => {
    const backup = await runCli(['db', 'backup', backupFile, '--data', source]);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(
      /schema version \d+, 4 rows, digest [0-9a-f]{16}…, to .*backup\.qrbk \(encrypted, verified\)/,
    );
    const restore = await runCli(['db', 'restore', backupFile, '--data', target]);
    expect(restore).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/restored 4 rows .* audit trail of 4 events verifies/) as unknown,
    });
    const verify = await runCli(['audit', 'verify', '--data', target]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^audit trail intact: 4 events, head 4 [0-9a-f]{64}\n$/);
    const again = await runCli(['db', 'restore', backupFile, '--data', target]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('restore needs an empty database: audit_event has rows');
  }, 60_000);

  it('refuses a wrong or missing passphrase with status 2', async () => {
    process.env['QUANTRAD_BACKUP_KEY'] = 'not the right passphrase';
    const wrong = await runCli(['db', 'restore', backupFile, '--data', join(dir, 'other')]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('wrong passphrase, or the file has been changed');
    delete process.env['QUANTRAD_BACKUP_KEY'];
    const missing = await runCli(['db', 'backup', join(dir, 'x.qrbk'), '--data', source]);
    expect(missing).toMatchObject({ status: 2 });
    expect(missing.stderr).toContain('--key-file FILE or the QUANTRAD_BACKUP_KEY environment variable');
    process.env['QUANTRAD_BACKUP_KEY'] = KEY;
  }, 60_000);

  it('reports an edited audit event and exits 2', async () => {
    const db = await openDatabase({ dataDir: source });
    await db.query(`UPDATE audit_event SET actor_name = 'someone else' WHERE seq = 3`);
    await db.close();
    const verify = await runCli(['audit', 'verify', '--data', source]);
    expect(verify.status).toBe(2);
    expect(verify.stderr).toContain('event 3: content does not match its hash (the event was edited)');
    expect(verify.stderr).toContain('audit trail broken: 1 problem(s) in 4 events');
  }, 60_000);
});
