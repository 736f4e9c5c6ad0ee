import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

// One set of migrations (migrations/NNNN_name.sql) for PGlite and PostgreSQL. Each runs in its own
// transaction with its checksum recorded; an applied migration whose file has changed stops the start,
// because the database would no longer match the code.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
/** pg_advisory_xact_lock key: two servers starting together apply migrations one after the other. */
const MIGRATION_LOCK_KEY = 4_720_001;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match?.[1] || !match[2]) throw new Error(`migration file name must be NNNN_name.sql: ${file}`);
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(match[1]),
        name: match[2],
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export interface MigrationResult {
  applied: number[];
  alreadyApplied: number[];
}

export async function migrate(
  db: Database,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationResult> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const m of migrations) {
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const [row] = await tx.query('SELECT checksum FROM schema_migration WHERE version = $1', [m.version]);
      if (row) {
        if (row['checksum'] !== m.checksum) {
          throw new Error(
            `migration ${String(m.version)}_${m.name} was changed after it was applied: restore the file or add a new migration`,
          );
        }
        return false;
      }
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      return true;
    });
    (applied ? result.applied : result.alreadyApplied).push(m.version);
  }
  return result;
}

/**
 * Statements of a migration, split at semicolons that end a line. Migrations are written one statement
 * per block with no semicolons inside strings or function bodies, so this is enough and keeps each
 * statement a plain parameterless query inside the transaction.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) =>
      s
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((s) => s.length > 0);
}
