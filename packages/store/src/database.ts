import type { SqlExecutor } from './sql-executor.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** PostgreSQL, embedded (PGlite) or served: the same SQL runs on both. */
export interface Database extends SqlExecutor {
  readonly kind: DatabaseKind;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Like transaction, on a connection kept for one background writer (the audit group commit), so a
   * queue of requests waiting for the shared connections never holds it up. Calls must not overlap.
   */
  writerTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a script of several statements with no parameters (migrations, restore). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
}
