import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';

export interface IdempotencyEntry {
  requestHash: string;
  /** null while the first request is still running. */
  response: unknown;
}

export interface IdempotencyRepository {
  /** Claims the key for this request; false when it was already claimed. */
  claim(actorId: string, key: string, requestHash: string, at: string): Promise<boolean>;
  get(actorId: string, key: string): Promise<IdempotencyEntry | null>;
  complete(actorId: string, key: string, response: unknown): Promise<void>;
}

export function idempotencyRepository(sql: SqlExecutor): IdempotencyRepository {
  return {
    async claim(actorId, key, requestHash, at) {
      const rows = await sql.query(
        `INSERT INTO idempotency_key (actor_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (actor_id, key) DO NOTHING RETURNING key`,
        [actorId, key, requestHash, at],
      );
      return rows.length === 1;
    },
    async get(actorId, key) {
      const [row] = await sql.query(
        'SELECT request_hash, response FROM idempotency_key WHERE actor_id = $1 AND key = $2',
        [actorId, key],
      );
      if (!row) return null;
      const r = z.object({ request_hash: z.string(), response: z.unknown() }).parse(row);
      return { requestHash: r.request_hash, response: r.response };
    },
    async complete(actorId, key, response) {
      await sql.query('UPDATE idempotency_key SET response = $3 WHERE actor_id = $1 AND key = $2', [
        actorId,
        key,
        JSON.stringify(response),
      ]);
    },
  };
}
