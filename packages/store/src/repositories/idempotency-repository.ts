import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';

export interface IdempotencyEntry {
  requestHash: string;
  createdAt: string;
  /** null while the first request is still running (or after it stopped without an answer). */
  response: unknown;
}

export interface IdempotencyRepository {
  /**
   * Claims the key for this request; false when it is already claimed. A claim that is still without an
   * answer and claimed at or before staleBefore, for the same request, is taken over: the first attempt stopped
   * (its transaction rolled back, so it changed nothing) and the retry may run.
   */
  claim(actorId: string, key: string, requestHash: string, at: string, staleBefore: string): Promise<boolean>;
  get(actorId: string, key: string): Promise<IdempotencyEntry | null>;
  /**
   * Stores the answer of the claim made at claimedAt; call it in the transaction that makes the
   * request's change. Throws when that claim was taken over or already answered, so a first attempt
   * that outlived its claim rolls back instead of committing beside the retry.
   */
  complete(actorId: string, key: string, response: unknown, claimedAt: string): Promise<void>;
  /** Forgets this actor's keys claimed at or before a time; returns how many. */
  forgetBefore(actorId: string, before: string): Promise<number>;
}

const idempotencyRow = z.object({ request_hash: z.string(), created_at: z.string(), response: z.unknown() });

export function idempotencyRepository(sql: SqlExecutor): IdempotencyRepository {
  return {
    async claim(actorId, key, requestHash, at, staleBefore) {
      const rows = await sql.query(
        `INSERT INTO idempotency_key (actor_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (actor_id, key) DO UPDATE SET created_at = EXCLUDED.created_at
           WHERE idempotency_key.response IS NULL AND idempotency_key.created_at <= $5
             AND idempotency_key.request_hash = EXCLUDED.request_hash
         RETURNING key`,
        [actorId, key, requestHash, at, staleBefore],
      );
      return rows.length === 1;
    },
    async get(actorId, key) {
      const [row] = await sql.query(
        'SELECT request_hash, created_at, response FROM idempotency_key WHERE actor_id = $1 AND key = $2',
        [actorId, key],
      );
      if (!row) return null;
      const r = idempotencyRow.parse(row);
      return { requestHash: r.request_hash, createdAt: r.created_at, response: r.response };
    },
    async complete(actorId, key, response, claimedAt) {
      const rows = await sql.query(
        `UPDATE idempotency_key SET response = $3
         WHERE actor_id = $1 AND key = $2 AND response IS NULL AND created_at = $4 RETURNING key`,
        [actorId, key, JSON.stringify(response), claimedAt],
      );
      if (rows.length !== 1)
        throw new Error(
          `Idempotency-Key ${key}: the claim was taken over by a retry; this attempt is undone`,
        );
    },
    async forgetBefore(actorId, before) {
      const rows = await sql.query(
        'DELETE FROM idempotency_key WHERE actor_id = $1 AND created_at <= $2 RETURNING key',
        [actorId, before],
      );
      return rows.length;
    },
  };
}
