import { resolve } from 'node:path';
import type { Database } from './database.ts';
import { migrate } from './migrations.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Embedded data folder (QUANTRAD_DATA, default ./data); 'memory' keeps it in memory. */
  dataDir?: string | undefined;
  schema?: string;
}

/** The database the environment names, migrated to the current schema. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const db =
    options.databaseUrl !== undefined && options.databaseUrl !== ''
      ? await openPostgresDatabase({
          connectionString: options.databaseUrl,
          ...(options.schema !== undefined ? { schema: options.schema } : {}),
        })
      : await openPgliteDatabase(
          options.dataDir === 'memory'
            ? undefined
            : resolve(options.dataDir ?? process.env['QUANTRAD_DATA'] ?? 'data'),
        );
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Where the environment says the database is, described for a person. */
export function describeDatabase(options: OpenOptions): string {
  if (options.databaseUrl) return `PostgreSQL at ${new URL(options.databaseUrl).host}`;
  if (options.dataDir === 'memory') return 'embedded PostgreSQL (PGlite) in memory';
  return `embedded PostgreSQL (PGlite) in ${resolve(options.dataDir ?? process.env['QUANTRAD_DATA'] ?? 'data')}`;
}
