import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.ts';
import { openDatabase } from './open-database.ts';

// The backends a test suite runs on: embedded PGlite always, PostgreSQL too when DATABASE_URL is set
// (CI sets it when the server answers). Each PostgreSQL database is a fresh schema, dropped on close.

export interface TestBackend {
  name: string;
  open: () => Promise<Database>;
}

const databaseUrl = process.env['DATABASE_URL'];

export const TEST_BACKENDS: TestBackend[] = [
  { name: 'PGlite', open: () => openDatabase({ dataDir: 'memory' }) },
  ...(databaseUrl
    ? [
        {
          name: 'PostgreSQL',
          open: async (): Promise<Database> => {
            const schema = `test_${randomBytes(6).toString('hex')}`;
            const db = await openDatabase({ databaseUrl, schema });
            return {
              ...db,
              close: async () => {
                await db.close();
                const client = new pg.Client({ connectionString: databaseUrl });
                await client.connect();
                await client.query(`DROP SCHEMA ${schema} CASCADE`);
                await client.end();
              },
            };
          },
        },
      ]
    : []),
];

/**
 * A new, empty PostgreSQL database for a test that runs the server as its own process (which opens the
 * database from a URL, not a schema), and a function that drops it. Null without DATABASE_URL.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (!databaseUrl) return null;
  const name = `quantrad_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Said once by a suite that runs without PostgreSQL, so a reader knows what was not tested. */
export const POSTGRES_SKIP_REASON = databaseUrl
  ? null
  : 'PostgreSQL tests skipped: DATABASE_URL is not set (.ci/run sets it when 127.0.0.1:5432 answers)';
