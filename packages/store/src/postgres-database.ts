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
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c TimeZone=UTC${schema === undefined ? '' : ` -c search_path=${schema}`}`,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const query = async (text: string, params: readonly unknown[] = []): Promise<Row[]> =>
    (await pool.query<Row>(text, [...params])).rows;
  return {
    kind: 'postgres',
    query,
    async transaction(fn) {
      const client = await pool.connect();
      const tx: SqlExecutor = {
        query: async (text, params = []) => (await client.query<Row>(text, [...params])).rows,
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    execScript: async (script) => {
      await pool.query(script);
    },
    close: () => pool.end(),
  };
}
