import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { AuditEventInput, AuditEventRecord } from '../types/audit-records.ts';
import { countRow, nullableText, parseRows, totalCountRow } from './row.ts';

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

/** One stretch of the chain checked: events after `afterSeq`, up to `limit` of them. */
export interface AuditChainStretch {
  afterSeq: number;
  /** Events checked in this stretch. */
  events: number;
  /** The last event checked; null when there was none after `afterSeq`. */
  lastSeq: number | null;
  head: { seq: number; hash: string } | null;
  problems: AuditChainProblem[];
  /** No events after this stretch: the walk is complete. */
  done: boolean;
}

/** What the audit trail viewer filters by; dates are whole days (YYYY-MM-DD, UTC), both inclusive. */
export interface AuditTrailFilter {
  /** Part of the actor's name, any case. */
  actor?: string | undefined;
  action?: AuditEventRecord['action'] | undefined;
  entityType?: string | undefined;
  fromDate?: string | undefined;
  toDate?: string | undefined;
  limit: number;
  offset: number;
}

export interface AuditRepository {
  append(input: AuditEventInput): Promise<AuditEventRecord>;
  appendMany(inputs: readonly AuditEventInput[]): Promise<AuditEventRecord[]>;
  list(filter: { patientId?: string; afterSeq?: number; limit: number }): Promise<AuditEventRecord[]>;
  /** Events matching the filter, newest first, a page at a time, with how many match in all. */
  search(filter: AuditTrailFilter): Promise<{ items: AuditEventRecord[]; total: number }>;
  /** How many events the chain holds and the last one's number, for the progress of a walk. */
  extent(): Promise<{ events: number; lastSeq: number }>;
  /** Checks the events after `afterSeq` (up to `limit`) against the stored hash of event `afterSeq`. */
  verifyStretch(afterSeq: number, limit: number): Promise<AuditChainStretch>;
  verify(pageSize?: number): Promise<AuditChainVerification>;
}

const chainTailRow = z.object({ seq: z.number(), hash: z.string() });
const extentRow = z.object({ n: z.number(), last_seq: z.number() });

const SEARCH_WHERE = `($1::text IS NULL OR actor_name ILIKE '%' || $1 || '%')
  AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR entity_type = $3)
  AND ($4::date IS NULL OR at >= ($4::date::timestamp AT TIME ZONE 'UTC'))
  AND ($5::date IS NULL OR at < (($5::date + 1)::timestamp AT TIME ZONE 'UTC'))`;

/** The LIKE wildcards in what a person typed, taken literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

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

  /** Recomputes each event's hash and link after `afterSeq`, starting from event `afterSeq`'s stored hash. */
  async function verifyStretch(afterSeq: number, limit: number): Promise<AuditChainStretch> {
    const problems: AuditChainProblem[] = [];
    let prevHash = GENESIS_HASH;
    if (afterSeq > 0) {
      const [before] = await sql.query('SELECT seq, hash FROM audit_event WHERE seq = $1', [afterSeq]);
      if (before) prevHash = chainTailRow.parse(before).hash;
      else problems.push({ seq: afterSeq, problem: `event ${String(afterSeq)} is missing` });
    }
    const page = parseRows(
      auditRow,
      await sql.query('SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]),
      'audit_event',
    );
    let expectedSeq = afterSeq + 1;
    let head: AuditChainStretch['head'] = null;
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
      head = { seq: e.seq, hash };
    }
    return {
      afterSeq,
      events: page.length,
      lastSeq: head?.seq ?? null,
      head,
      problems,
      done: page.length < limit,
    };
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
    async search(filter: AuditTrailFilter): Promise<{ items: AuditEventRecord[]; total: number }> {
      const params = [
        filter.actor !== undefined && filter.actor.trim() !== '' ? likeLiteral(filter.actor.trim()) : null,
        filter.action ?? null,
        filter.entityType ?? null,
        filter.fromDate ?? null,
        filter.toDate ?? null,
      ];
      // One round trip: the page and, on every row, the total the filter matches.
      const rows = await sql.query(
        `SELECT *, count(*) OVER ()::int AS total_count FROM audit_event WHERE ${SEARCH_WHERE}
         ORDER BY seq DESC LIMIT $6 OFFSET $7`,
        [...params, filter.limit, filter.offset],
      );
      if (rows.length === 0 && filter.offset > 0) {
        const [count] = await sql.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE ${SEARCH_WHERE}`,
          params,
        );
        return { items: [], total: countRow.parse(count).n };
      }
      const total = totalCountRow.parse(rows[0])?.total_count ?? 0;
      const items = parseRows(
        auditRow,
        rows.map(({ total_count: _, ...row }) => row),
        'audit_event',
      );
      return { items, total };
    },
    async extent(): Promise<{ events: number; lastSeq: number }> {
      const [row] = await sql.query(
        'SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS last_seq FROM audit_event',
      );
      const e = extentRow.parse(row);
      return { events: e.n, lastSeq: e.last_seq };
    },
    verifyStretch,
    /** Walks the whole chain in stretches, recomputing every hash and link. */
    async verify(pageSize = 5000): Promise<AuditChainVerification> {
      const problems: AuditChainProblem[] = [];
      let events = 0;
      let head: AuditChainVerification['head'] = null;
      let afterSeq = 0;
      for (;;) {
        const stretch = await verifyStretch(afterSeq, pageSize);
        problems.push(...stretch.problems);
        events += stretch.events;
        head = stretch.head ?? head;
        if (stretch.done || stretch.lastSeq === null) break;
        afterSeq = stretch.lastSeq;
      }
      return { events, head, problems };
    },
  };
}
