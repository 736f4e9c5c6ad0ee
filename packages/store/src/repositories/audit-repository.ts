import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { AuditEventInput, AuditEventRecord } from '../types/audit-records.ts';
import { nullableText, parseRows } from './row.ts';

// The audit trail is a hash chain: each event's hash covers its content and the previous event's hash,
// so an edited, inserted or deleted event breaks the chain at that point (ACR remote scanning: audit
// trails and logs; ROS 4.15 information governance). Appends are serialised by an advisory lock held
// to the end of the writing transaction, so the chain never forks.

const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK_KEY = 4_720_002;

const auditRow = z
  .object({
    seq: z.number(),
    at: z.string(),
    actor_id: nullableText,
    actor_name: nullableText,
    actor_roles: z.string(),
    action: z.enum(['create', 'read', 'update', 'delete', 'sign_in', 'sign_out', 'export']),
    entity_type: z.string(),
    entity_id: nullableText,
    patient_id: nullableText,
    from_address: nullableText,
    outcome: z.enum(['success', 'failure', 'denied']),
    detail: z.record(z.string(), z.unknown()),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .transform((r): AuditEventRecord => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRoles: r.actor_roles,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    patientId: r.patient_id,
    fromAddress: r.from_address,
    outcome: r.outcome,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditEventHash(event: Omit<AuditEventRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

export interface AuditChainProblem {
  seq: number;
  problem: string;
}

export interface AuditChainVerification {
  events: number;
  head: { seq: number; hash: string } | null;
  problems: AuditChainProblem[];
}

export interface AuditRepository {
  append(input: AuditEventInput): Promise<AuditEventRecord>;
  appendMany(inputs: readonly AuditEventInput[]): Promise<AuditEventRecord[]>;
  list(filter: { patientId?: string; afterSeq?: number; limit: number }): Promise<AuditEventRecord[]>;
  verify(pageSize?: number): Promise<AuditChainVerification>;
}

const chainTailRow = z.object({ seq: z.number(), hash: z.string() });

export function auditRepository(sql: SqlExecutor): AuditRepository {
  /** Appends events in order under one chain lock, in one INSERT. */
  async function appendMany(inputs: readonly AuditEventInput[]): Promise<AuditEventRecord[]> {
    if (inputs.length === 0) return [];
    await sql.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
    const [last] = await sql.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    const tail = last ? chainTailRow.parse(last) : null;
    let seq = tail?.seq ?? 0;
    let prevHash = tail?.hash ?? GENESIS_HASH;
    const events: AuditEventRecord[] = [];
    for (const input of inputs) {
      seq += 1;
      // Round-trip the detail through JSON so what is hashed is exactly what jsonb gives back.
      const detail = JSON.parse(JSON.stringify(input.detail)) as Record<string, unknown>;
      const unhashed = { ...input, at: new Date(input.at).toISOString(), detail, seq, prevHash };
      const event: AuditEventRecord = { ...unhashed, hash: auditEventHash(unhashed) };
      events.push(event);
      prevHash = event.hash;
    }
    const columns = 14;
    const values = events
      .map(
        (_, i) =>
          `(${Array.from({ length: columns }, (__, c) => `$${String(i * columns + c + 1)}`).join(', ')})`,
      )
      .join(', ');
    await sql.query(
      `INSERT INTO audit_event (seq, at, actor_id, actor_name, actor_roles, action, entity_type, entity_id,
         patient_id, from_address, outcome, detail, prev_hash, hash) VALUES ${values}`,
      events.flatMap((e) => [
        e.seq,
        e.at,
        e.actorId,
        e.actorName,
        e.actorRoles,
        e.action,
        e.entityType,
        e.entityId,
        e.patientId,
        e.fromAddress,
        e.outcome,
        JSON.stringify(e.detail),
        e.prevHash,
        e.hash,
      ]),
    );
    return events;
  }

  return {
    /** Appends one event to the chain. Call inside the transaction whose change it records. */
    async append(input: AuditEventInput): Promise<AuditEventRecord> {
      const [event] = await appendMany([input]);
      if (!event) throw new Error('audit append wrote nothing');
      return event;
    },
    appendMany,
    async list(filter: {
      patientId?: string;
      afterSeq?: number;
      limit: number;
    }): Promise<AuditEventRecord[]> {
      const rows = await sql.query(
        `SELECT * FROM audit_event WHERE ($1::uuid IS NULL OR patient_id = $1) AND seq > $2 ORDER BY seq LIMIT $3`,
        [filter.patientId ?? null, filter.afterSeq ?? 0, filter.limit],
      );
      return parseRows(auditRow, rows, 'audit_event');
    },
    /** Walks the whole chain in pages, recomputing every hash and link. */
    async verify(pageSize = 5000): Promise<AuditChainVerification> {
      const problems: AuditChainProblem[] = [];
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      let events = 0;
      let head: AuditChainVerification['head'] = null;
      for (;;) {
        const page = parseRows(
          auditRow,
          await sql.query('SELECT * FROM audit_event WHERE seq >= $1 ORDER BY seq LIMIT $2', [
            expectedSeq,
            pageSize,
          ]),
          'audit_event',
        );
        for (const e of page) {
          if (e.seq !== expectedSeq) {
            problems.push({
              seq: expectedSeq,
              problem: `events ${String(expectedSeq)} to ${String(e.seq - 1)} are missing`,
            });
          }
          if (e.prevHash !== prevHash) {
            problems.push({
              seq: e.seq,
              problem: 'does not link to the event before it (an event was removed or changed)',
            });
          }
          const { hash, ...content } = e;
          if (auditEventHash(content) !== hash) {
            problems.push({ seq: e.seq, problem: 'content does not match its hash (the event was edited)' });
          }
          prevHash = hash;
          expectedSeq = e.seq + 1;
          events += 1;
          head = { seq: e.seq, hash };
        }
        if (page.length < pageSize) break;
      }
      return { events, head, problems };
    },
  };
}
