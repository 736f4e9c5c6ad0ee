import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStore,
  loadMigrations,
  migrate,
  POSTGRES_SKIP_REASON,
  splitStatements,
  TEST_BACKENDS,
  type AuditEventInput,
  type Database,
  type Row,
  type SqlExecutor,
  type Store,
} from '../src/index.ts';

if (POSTGRES_SKIP_REASON) console.warn(POSTGRES_SKIP_REASON);

function auditInput(n: number): AuditEventInput {
  return {
    at: `2026-11-23T10:00:${String(n % 60).padStart(2, '0')}.123Z`,
    actorId: null,
    actorName: 'test',
    actorRoles: 'operator',
    action: 'read',
    entityType: 'patient',
    entityId: `p${String(n)}`,
    patientId: null,
    fromAddress: '127.0.0.1',
    outcome: 'success',
    detail: { n, nested: { z: 1, a: [1, 2] } },
  };
}

describe('migration files', () => {
  it('split into statements at line-ending semicolons, without comments', () => {
    expect(splitStatements('-- c\nCREATE TABLE a (x int);\n\nCREATE TABLE b (y text);\n')).toEqual([
      'CREATE TABLE a (x int)',
      'CREATE TABLE b (y text)',
    ]);
  });
  it('are numbered NNNN_name.sql in order', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBe(1);
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`store on ${backend.name}`, () => {
    let db: Database;
    let store: Store;
    beforeAll(async () => {
      db = await backend.open();
      store = createStore(db);
    });
    afterAll(async () => {
      await db.close();
    });

    it('applies each migration once and refuses a migration changed after it was applied', async () => {
      const again = await migrate(db);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toEqual(loadMigrations().map((m) => m.version));
      const dir = mkdtempSync(join(tmpdir(), 'quantrad-migrations-'));
      const first = loadMigrations()[0];
      if (!first) throw new Error('no migrations');
      writeFileSync(join(dir, `0001_${first.name}.sql`), `${first.sql}\n-- edited\n`);
      await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(/was changed after it was applied/);
    });

    it('reads dates as written and timestamps as UTC ISO strings', async () => {
      const [row] = await db.query(
        `SELECT '1956-03-10'::date AS d, '2026-11-23 15:50:43.123+05:30'::timestamptz AS t, 9007199254740991::int8 AS n`,
      );
      expect(row).toEqual({ d: '1956-03-10', t: '2026-11-23T10:20:43.123Z', n: 9007199254740991 });
    });

    it('keeps nothing of a transaction that fails part way', async () => {
      const before = (await store.audit.verify()).events;
      await expect(
        store.transaction(async (tx) => {
          await tx.audit.append(auditInput(1));
          throw new Error('crash after the first write');
        }),
      ).rejects.toThrow('crash after the first write');
      expect((await store.audit.verify()).events).toBe(before);
    });

    it('answers prepared reads after a column is added by another connection', async () => {
      const read = (): Promise<Row[]> => db.query('SELECT * FROM referrer WHERE id = $1', [randomUUID()]);
      // Prepared on several pooled connections at once, then the table changes under them.
      await Promise.all(Array.from({ length: 8 }, read));
      await db.query('ALTER TABLE referrer ADD COLUMN test_added_column text');
      const after = await Promise.all(Array.from({ length: 8 }, read));
      expect(after).toEqual(Array.from({ length: 8 }, () => []));
      await db.query('ALTER TABLE referrer DROP COLUMN test_added_column');
    });

    it('runs none of the statements queued behind one that fails, inside or after the transaction', async () => {
      const insert = (tx: SqlExecutor, id: string): Promise<Row[]> =>
        tx.query(
          `INSERT INTO scanner (id, modality, manufacturer, model, location) VALUES ($1, 'dxa', 'M', 'X', 'L')`,
          [id],
        );
      await expect(
        db.transaction((tx) =>
          Promise.all([
            insert(tx, 'QUEUE-1'),
            tx.query('SELECT 1 / $1::int AS fails', [0]),
            insert(tx, 'QUEUE-2'),
            insert(tx, 'QUEUE-3'),
          ]),
        ),
      ).rejects.toThrow(/division by zero/);
      expect(await db.query(`SELECT id FROM scanner WHERE id LIKE 'QUEUE-%'`)).toEqual([]);
    });

    it('chains audit events so that verification finds an edit, a deletion and a broken link', async () => {
      for (let n = 1; n <= 5; n++) await store.transaction((tx) => tx.audit.append(auditInput(n)));
      const clean = await store.audit.verify();
      expect(clean.problems).toEqual([]);
      expect(clean.events).toBe(5);
      expect(clean.head?.seq).toBe(5);

      await db.query(`UPDATE audit_event SET detail = '{"n": 99}' WHERE seq = 2`);
      await db.query(`DELETE FROM audit_event WHERE seq = 4`);
      const tampered = await store.audit.verify(2);
      expect(tampered.problems).toEqual([
        { seq: 2, problem: 'content does not match its hash (the event was edited)' },
        { seq: 4, problem: 'events 4 to 4 are missing' },
        { seq: 5, problem: 'does not link to the event before it (an event was removed or changed)' },
      ]);
    });

    it('group-commits stand-alone audit events: each is durable when its promise resolves, the chain whole', async () => {
      await db.query('DELETE FROM audit_event');
      await Promise.all(Array.from({ length: 50 }, (_, n) => store.appendAudit(auditInput(n))));
      const v = await store.audit.verify();
      expect(v.problems).toEqual([]);
      expect(v.events).toBe(50);
      // Arrival order is chain order: the first call's event is event 1.
      const [first] = await store.audit.list({ limit: 1 });
      expect(first?.entityId).toBe('p0');
    });

    it('never forks the chain when many transactions append at once', async () => {
      await db.query('DELETE FROM audit_event');
      await Promise.all(
        Array.from({ length: 20 }, (_, n) => store.transaction((tx) => tx.audit.append(auditInput(n)))),
      );
      const v = await store.audit.verify();
      expect(v.problems).toEqual([]);
      expect(v.events).toBe(20);
    });
  });
}
