import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKUP_TABLES,
  backupSchema,
  canonicalJson,
  createStore,
  decryptBackup,
  encryptBackup,
  exportDatabase,
  restoreDatabase,
  TEST_BACKENDS,
  type Database,
  type DatabaseBackup,
} from '../src/index.ts';
import { createHash } from 'node:crypto';

const PASSPHRASE = 'a passphrase the operator keeps';

async function fillSome(db: Database): Promise<void> {
  const store = createStore(db);
  await store.transaction(async (tx) => {
    const user = await tx.users.insert({
      id: randomUUID(),
      username: 'ops',
      displayName: 'Operator',
      passwordHash: 'x',
    });
    await tx.users.insertEntitlement({
      id: randomUUID(),
      userId: user.id,
      role: 'operator',
      scope: '*',
      validFrom: '2026-01-01',
      validUntil: '2027-01-01',
      grantedBy: null,
      revokedAt: null,
      note: 'ünïcode ✓',
    });
    await tx.patients.insert({
      id: randomUUID(),
      identifierSystem: 'nhs',
      identifier: '485 777 3456',
      registeredGp: 'Dr A Khan, Riverside Surgery, 4 Mill Lane, Bath BA2 1AB',
      familyName: "O'Brien",
      givenNames: 'Janet',
      birthDate: '1956-03-10',
      address: '1 High St',
      postcode: null,
      sex: 'female',
      gender: null,
      pronouns: 'she/her',
      ethnicity: null,
      phone: null,
    });
    for (let n = 0; n < 3; n++) {
      await tx.audit.append({
        at: `2026-11-23T10:00:0${String(n)}.000Z`,
        actorId: user.id,
        actorName: 'ops',
        actorRoles: 'operator',
        action: 'create',
        entityType: 'patient',
        entityId: String(n),
        patientId: null,
        fromAddress: null,
        outcome: 'success',
        detail: { n, list: [1.5, 'two'] },
      });
    }
  });
}

function withDigest(b: DatabaseBackup): DatabaseBackup {
  return { ...b, digest: createHash('sha256').update(canonicalJson(b.tables)).digest('hex') };
}

for (const backend of TEST_BACKENDS) {
  describe(`backup and restore on ${backend.name}`, () => {
    let source: Database;
    let backup: DatabaseBackup;
    beforeAll(async () => {
      source = await backend.open();
      await fillSome(source);
      backup = await exportDatabase(source, new Date('2026-11-23T12:00:00Z'));
    });
    afterAll(() => source.close());

    it('holds every table the migrations create', async () => {
      const rows = await source.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
           AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY table_name`,
      );
      expect(rows.map((r) => r['table_name'])).toEqual([...BACKUP_TABLES].sort());
    });

    it('round-trips through an encrypted file into an empty database, row for row', async () => {
      const file = encryptBackup(JSON.stringify(backup), PASSPHRASE);
      expect(file.includes(Buffer.from("O'Brien"))).toBe(false);
      const read = backupSchema.parse(JSON.parse(decryptBackup(file, PASSPHRASE)));
      const target = await backend.open();
      try {
        const result = await restoreDatabase(target, read);
        expect(result.rows).toMatchObject({ app_user: 1, entitlement: 1, patient: 1, audit_event: 3 });
        expect(result.auditEvents).toBe(3);
        const again = await exportDatabase(target, new Date('2026-11-23T12:00:00Z'));
        expect(again.digest).toBe(backup.digest);
        expect(again.tables).toEqual(backup.tables);
        await expect(restoreDatabase(target, read)).rejects.toThrow(
          'restore needs an empty database: app_user has rows',
        );
      } finally {
        await target.close();
      }
    });

    it('refuses a wrong passphrase, a changed file, a damaged backup and a tampered audit trail, keeping nothing', async () => {
      const file = encryptBackup(JSON.stringify(backup), PASSPHRASE);
      expect(() => decryptBackup(file, 'another passphrase!')).toThrow(
        'wrong passphrase, or the file has been changed',
      );
      const flipped = Buffer.from(file);
      flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
      expect(() => decryptBackup(flipped, PASSPHRASE)).toThrow(
        'wrong passphrase, or the file has been changed',
      );
      expect(() => encryptBackup('{}', 'short')).toThrow('at least 12 characters');

      const target = await backend.open();
      try {
        const edited = structuredClone(backup);
        const firstPatient = edited.tables['patient']?.[0];
        if (firstPatient) firstPatient['family_name'] = 'Someone else';
        await expect(restoreDatabase(target, edited)).rejects.toThrow(
          'its digest does not match its content',
        );
        const auditEdited = structuredClone(backup);
        const event = auditEdited.tables['audit_event']?.[1];
        if (event) event['detail'] = { n: 99 };
        await expect(restoreDatabase(target, withDigest(auditEdited))).rejects.toThrow(
          "the backup's audit trail does not verify (event 2): nothing was restored",
        );
        const [count] = await target.query('SELECT count(*)::int AS n FROM app_user');
        expect(count).toEqual({ n: 0 });
      } finally {
        await target.close();
      }
    });
  });
}
