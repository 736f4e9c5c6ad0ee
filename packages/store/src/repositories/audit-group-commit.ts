import type { Database } from '../database.ts';
import type { AuditEventInput } from '../types/audit-records.ts';
import { auditRepository } from './audit-repository.ts';

/**
 * Audit events that stand alone (reads, refusals, sign-ins) are written by group commit: events that
 * arrive while a write is in flight are queued and written together in the next transaction, in arrival
 * order, under one chain lock. Each caller still waits until its own event is committed, so nothing is
 * answered before its audit event is durable; the chain lock is taken once per batch instead of once
 * per event, which is what lets many concurrent reads through.
 */
export function auditGroupCommit(db: Database): (input: AuditEventInput) => Promise<void> {
  let queue: { input: AuditEventInput; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await db.writerTransaction((tx) => auditRepository(tx).appendMany(batch.map((item) => item.input)));
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    flushing = false;
  }

  return (input) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!flushing) void flush();
    });
}
