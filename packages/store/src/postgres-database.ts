import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.ts';
import type { Row, SqlExecutor } from './sql-executor.ts';
import { parseInteger, parseTimestamptz, parseTimestampWithoutZone } from './type-parsers.ts';

// node-postgres keeps its text parsers process-wide; quantrad reads every value the same way on both
// backends (type-parsers.ts), so they are set once here.
const { builtins } = pg.types;
pg.types.setTypeParser(builtins.INT8, parseInteger);
pg.types.setTypeParser(builtins.NUMERIC, Number);
pg.types.setTypeParser(builtins.DATE, (text: string) => text);
pg.types.setTypeParser(builtins.TIMESTAMP, parseTimestampWithoutZone);
pg.types.setTypeParser(builtins.TIMESTAMPTZ, parseTimestamptz);

const statementNames = new Map<string, string>();
/** Generated texts (a batch INSERT of n rows) would each become a statement: only short lists are. */
const MAX_PREPARED_PARAMETERS = 64;
const MAX_PREPARED_STATEMENTS = 500;
/** Tries of a statement outside a transaction whose prepared plan a schema change made stale. */
const STALE_PLAN_ATTEMPTS = 3;

/**
 * A query with parameters as a named prepared statement, so each connection parses and plans it once
 * instead of on every request; the name is derived from the text, so the same text always maps to it.
 */
function statement(text: string, params: readonly unknown[]): pg.QueryConfig {
  if (params.length === 0) return { text };
  let name = statementNames.get(text);
  if (name === undefined) {
    if (params.length > MAX_PREPARED_PARAMETERS || statementNames.size >= MAX_PREPARED_STATEMENTS)
      return { text, values: [...params] };
    name = `q${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: [...params] };
}

async function inTransaction<T>(pool: pg.Pool, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection runs one statement at a time; queries a use case starts together (Promise.all) are
  // queued here, in order. Once one fails, or the transaction has ended, the rest are refused unsent:
  // none may run after ROLLBACK, outside the transaction.
  let last: Promise<unknown> = Promise.resolve();
  const state = { open: true };
  const tx: SqlExecutor = {
    query: (text, params = []) => {
      const run = last.then(async () => {
        if (!state.open) throw new Error('the transaction has failed or ended: statement not run');
        try {
          return (await client.query<Row>(statement(text, params))).rows;
        } catch (error) {
          state.open = false;
          throw error;
        }
      });
      last = run.catch(() => undefined);
      return run;
    },
  };
  try {
    await client.query('BEGIN');
    const result = await fn(tx);
    await last;
    if (!state.open) throw new Error('a statement of the transaction failed');
    state.open = false;
    await client.query('COMMIT');
    return result;
  } catch (error) {
    state.open = false;
    await last;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use (created if missing); tests use one per database so they never meet. */
  schema?: string;
  maxConnections?: number;
}

/** PostgreSQL through a connection pool (DATABASE_URL). */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`invalid schema name: ${schema}`);
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const poolConfig: pg.PoolConfig = {
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // jit=off: the service's queries are short, and LLVM compilation of one the planner costs highly
    // (the service data for a year) took about 150 ms of its 300 (npm run bench).
    options: `-c TimeZone=UTC -c jit=off${schema === undefined ? '' : ` -c search_path=${schema}`}`,
  };
  const pool = new pg.Pool(poolConfig);
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const query = async (text: string, params: readonly unknown[] = []): Promise<Row[]> => {
    // A prepared SELECT * fails once per connection after another process adds a column ("cached plan
    // must not change result type", SQLSTATE 0A000); PostgreSQL re-plans it on the next run. Outside a
    // transaction that is safe to retry; a transaction that meets it fails and changes nothing.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await pool.query<Row>(statement(text, params))).rows;
      } catch (error) {
        const stalePlan = error instanceof Error && 'code' in error && error.code === '0A000';
        if (!stalePlan || attempt >= STALE_PLAN_ATTEMPTS) throw error;
      }
    }
  };
  // One more connection, kept for the background writer (see Database.writerTransaction).
  const writerPool = new pg.Pool({ ...poolConfig, max: 1 });
  writerPool.on('error', () => undefined);
  return {
    kind: 'postgres',
    query,
    transaction: (fn) => inTransaction(pool, fn),
    writerTransaction: (fn) => inTransaction(writerPool, fn),
    execScript: async (script) => {
      await pool.query(script);
    },
    close: async () => {
      await Promise.all([pool.end(), writerPool.end()]);
    },
  };
}
