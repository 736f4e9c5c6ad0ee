import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database } from './database.ts';
import type { Row, SqlExecutor } from './sql-executor.ts';
import { TEXT_PARSERS } from './type-parsers.ts';

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query(text, params = []) {
      const result = await db.query<Row>(text, [...params]);
      return result.rows;
    },
  };
}

/** PostgreSQL in WebAssembly, in a data folder (or in memory when dataDir is undefined). */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', { parsers: TEXT_PARSERS });
  await db.exec(`SET TIME ZONE 'UTC'`);
  const root = executor(db);
  return {
    kind: 'pglite',
    query: (text, params) => root.query(text, params),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    // PGlite has one connection: every transaction is already the writer's.
    writerTransaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    execScript: async (script) => {
      await db.exec(script);
    },
    close: () => db.close(),
  };
}
