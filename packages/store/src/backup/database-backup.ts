import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { canonicalJson } from '../repositories/audit-repository.ts';
import type { SqlExecutor } from '../sql-executor.ts';
import { repositories } from '../store.ts';
import { BACKUP_TABLES } from './backup-tables.ts';

// A logical backup: every table's rows as JSON, read in one repeatable-read transaction so the copy is
// consistent, the same on PGlite and PostgreSQL. Restore writes the rows into an empty database at the
// same schema version in one transaction and checks the result against the backup's digest and the
// audit chain before committing (ROS 4.15: archived, stored apart from the scanner, restorable).

export const backupSchema = z.strictObject({
  format: z.literal('quantrad-backup'),
  formatVersion: z.literal(1),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  digest: z.string(),
});

export type DatabaseBackup = z.infer<typeof backupSchema>;

function digestOf(tables: DatabaseBackup['tables']): string {
  return createHash('sha256').update(canonicalJson(tables)).digest('hex');
}

async function schemaVersion(sql: SqlExecutor): Promise<number> {
  const [row] = await sql.query('SELECT coalesce(max(version), 0)::int AS v FROM schema_migration');
  return z.object({ v: z.number() }).parse(row).v;
}

async function readTables(sql: SqlExecutor): Promise<DatabaseBackup['tables']> {
  const tables: DatabaseBackup['tables'] = {};
  for (const table of BACKUP_TABLES) {
    // Ordered by the row's text so the same data always gives the same digest.
    tables[table] = await sql.query(`SELECT * FROM ${table} t ORDER BY t::text`);
  }
  return tables;
}

export async function exportDatabase(db: Database, now: Date = new Date()): Promise<DatabaseBackup> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await readTables(tx);
    return {
      format: 'quantrad-backup',
      formatVersion: 1,
      schemaVersion: await schemaVersion(tx),
      createdAt: now.toISOString(),
      tables,
      digest: digestOf(tables),
    };
  });
}

export interface RestoreResult {
  rows: Record<string, number>;
  auditEvents: number;
}

/** Restores into an empty, migrated database; throws (and keeps nothing) if any check fails. */
export async function restoreDatabase(db: Database, backup: DatabaseBackup): Promise<RestoreResult> {
  if (digestOf(backup.tables) !== backup.digest) {
    throw new Error('the backup is damaged: its digest does not match its content');
  }
  const version = await schemaVersion(db);
  if (version !== backup.schemaVersion) {
    throw new Error(
      `the backup is of schema version ${String(backup.schemaVersion)}; this database is at ${String(version)}`,
    );
  }
  return db.transaction(async (tx) => {
    for (const table of BACKUP_TABLES) {
      const [row] = await tx.query(`SELECT count(*)::int AS n FROM ${table}`);
      if (z.object({ n: z.number() }).parse(row).n > 0) {
        throw new Error(`restore needs an empty database: ${table} has rows`);
      }
    }
    const rows: Record<string, number> = {};
    for (const table of BACKUP_TABLES) {
      const data = backup.tables[table] ?? [];
      rows[table] = data.length;
      if (data.length === 0) continue;
      await tx.query(
        `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
        [JSON.stringify(data)],
      );
    }
    if (digestOf(await readTables(tx)) !== backup.digest) {
      throw new Error('the restored rows differ from the backup: nothing was restored');
    }
    const chain = await repositories(tx).audit.verify();
    if (chain.problems.length > 0) {
      throw new Error(
        `the backup's audit trail does not verify (event ${String(chain.problems[0]?.seq)}): nothing was restored`,
      );
    }
    return { rows, auditEvents: chain.events };
  });
}
