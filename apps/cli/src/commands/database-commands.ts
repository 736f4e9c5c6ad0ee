import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  backupSchema,
  createStore,
  decryptBackup,
  describeDatabase,
  encryptBackup,
  exportDatabase,
  openDatabase,
  restoreDatabase,
  type Database,
  type OpenOptions,
} from '@quantrad/store';
import type { CliIo } from '../io/cli-io.ts';
import { describeZodError, InputError } from '../io/input-error.ts';

// quantrad db backup | restore and quantrad audit verify, on the database the environment names
// (DATABASE_URL, else the embedded one in QUANTRAD_DATA or --data).

export interface DatabaseOptions {
  data?: string;
}

export interface KeyOptions {
  keyFile?: string;
}

function openOptions(o: DatabaseOptions): OpenOptions {
  return { databaseUrl: process.env['DATABASE_URL'], dataDir: o.data ?? process.env['QUANTRAD_DATA'] };
}

async function withDatabase<T>(o: DatabaseOptions, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(openOptions(o));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The passphrase from --key-file or QUANTRAD_BACKUP_KEY: never from the command line, where ps shows it. */
function passphrase(o: KeyOptions): string {
  if (o.keyFile !== undefined) {
    if (!existsSync(o.keyFile)) throw new InputError(`--key-file: ${o.keyFile} does not exist`);
    return readFileSync(o.keyFile, 'utf8').trim();
  }
  const key = process.env['QUANTRAD_BACKUP_KEY'];
  if (key === undefined || key === '') {
    throw new InputError(
      'give the backup passphrase with --key-file FILE or the QUANTRAD_BACKUP_KEY environment variable',
    );
  }
  return key;
}

export async function databaseBackup(
  file: string,
  o: DatabaseOptions & KeyOptions,
  io: CliIo,
): Promise<void> {
  const key = passphrase(o);
  await withDatabase(o, async (db) => {
    const backup = await exportDatabase(db);
    const encrypted = encryptBackup(JSON.stringify(backup), key);
    // Verified before it is trusted: the file must decrypt back to the same digest.
    const check = backupSchema.parse(JSON.parse(decryptBackup(encrypted, key)));
    if (check.digest !== backup.digest) throw new Error('the backup did not read back the same');
    writeFileSync(file, encrypted, { mode: 0o600 });
    const rows = Object.values(backup.tables).reduce((n, t) => n + t.length, 0);
    io.out(
      `backed up ${describeDatabase(openOptions(o))}: schema version ${String(backup.schemaVersion)}, ${String(rows)} rows, digest ${backup.digest.slice(0, 16)}…, to ${file} (encrypted, verified)\n`,
    );
  });
}

export async function databaseRestore(
  file: string,
  o: DatabaseOptions & KeyOptions,
  io: CliIo,
): Promise<void> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  let text: string;
  try {
    text = decryptBackup(readFileSync(file), passphrase(o));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = backupSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new InputError(`${file}: ${describeZodError(parsed.error)}`);
  await withDatabase(o, async (db) => {
    try {
      const result = await restoreDatabase(db, parsed.data);
      const rows = Object.values(result.rows).reduce((n, r) => n + r, 0);
      io.out(
        `restored ${String(rows)} rows into ${describeDatabase(openOptions(o))}; the audit trail of ${String(result.auditEvents)} events verifies\n`,
      );
    } catch (error) {
      throw new InputError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** Walks the audit chain; exit status 0 when whole, 2 (with each problem listed) when not. */
export async function auditVerify(o: DatabaseOptions, io: CliIo): Promise<void> {
  await withDatabase(o, async (db) => {
    const v = await createStore(db).audit.verify();
    if (v.problems.length === 0) {
      io.out(
        `audit trail intact: ${String(v.events)} events${v.head ? `, head ${String(v.head.seq)} ${v.head.hash}` : ''}\n`,
      );
      return;
    }
    for (const p of v.problems) io.err(`event ${String(p.seq)}: ${p.problem}\n`);
    throw new InputError(
      `audit trail broken: ${String(v.problems.length)} problem(s) in ${String(v.events)} events`,
    );
  });
}
