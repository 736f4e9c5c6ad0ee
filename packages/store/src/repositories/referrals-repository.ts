import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  REFERRAL_METHODS,
  REFERRAL_SOURCES,
  REFERRAL_STATES,
  RETURN_REASONS,
  type ReferralEventRecord,
  type ReferralListItem,
  type ReferralRecord,
  type ReferralState,
} from '../types/referral-records.ts';
import { countRow, nullableText, parseRow, parseRows, totalCountRow } from './row.ts';

const criteriaMatch = z.object({
  meetsCriteria: z.boolean(),
  matched: z.array(z.object({ id: z.string(), text: z.string(), source: z.string() })),
  unmatched: z.array(z.object({ id: z.string(), reason: z.string() })),
  criteriaVersion: z.string(),
});

const referralRow = z
  .object({
    id: z.string(),
    patient_id: z.string(),
    referrer_id: z.string(),
    source: z.enum(REFERRAL_SOURCES),
    examination: z.enum(['dxa', 'qct']),
    indications: z.array(z.string()),
    clinical_information: z.string(),
    signed_by_referrer: z.boolean(),
    copy_report_to_gp: z.boolean(),
    method: z.enum(REFERRAL_METHODS),
    received_at: z.string(),
    criteria_match: criteriaMatch,
    state: z.enum(REFERRAL_STATES),
    authorisation: z.enum(['practitioner_justified', 'operator_under_written_criteria']).nullable(),
    decided_by: nullableText,
    decided_at: nullableText,
    decision_reason: nullableText,
    return_reason: z.enum(RETURN_REASONS).nullable(),
    version: z.number(),
  })
  .transform((r): ReferralRecord => ({
    id: r.id,
    patientId: r.patient_id,
    referrerId: r.referrer_id,
    source: r.source,
    examination: r.examination,
    indications: r.indications,
    clinicalInformation: r.clinical_information,
    signedByReferrer: r.signed_by_referrer,
    copyReportToGp: r.copy_report_to_gp,
    method: r.method,
    receivedAt: r.received_at,
    criteriaMatch: r.criteria_match,
    state: r.state,
    authorisation: r.authorisation,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    returnReason: r.return_reason,
    version: r.version,
  }));

/** A worklist row: the referral with who the patient and referrer are, and any booked appointment. */
const listRow = z
  .object({
    patient_family_name: z.string(),
    patient_given_names: z.string(),
    patient_identifier: z.string(),
    patient_birth_date: z.string(),
    referrer_name: z.string(),
    booked_for: nullableText,
  })
  .loose()
  .transform((r): ReferralListItem => ({
    ...referralRow.parse(r),
    patient: {
      familyName: r.patient_family_name,
      givenNames: r.patient_given_names,
      identifier: r.patient_identifier,
      birthDate: r.patient_birth_date,
    },
    referrerName: r.referrer_name,
    bookedFor: r.booked_for,
  }));

const eventRow = z
  .object({
    referral_id: z.string(),
    seq: z.number(),
    at: z.string(),
    actor_id: nullableText,
    from_state: z.enum(REFERRAL_STATES).nullable(),
    to_state: z.enum(REFERRAL_STATES),
    reason: nullableText,
  })
  .transform((r): ReferralEventRecord => ({
    referralId: r.referral_id,
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    fromState: r.from_state,
    toState: r.to_state,
    reason: r.reason,
  }));

export interface ReferralListFilter {
  state?: ReferralState;
  patientId?: string;
  referrerId?: string;
  /** Only authorised referrals with no appointment booked: the booking queue. */
  awaitingBooking?: boolean;
  limit: number;
  offset: number;
}

export interface ReferralsRepository {
  insert(r: ReferralRecord, actorId: string | null): Promise<void>;
  byId(id: string): Promise<ReferralRecord | null>;
  decide(
    before: ReferralRecord,
    after: Pick<
      ReferralRecord,
      'state' | 'authorisation' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'returnReason'
    >,
  ): Promise<ReferralRecord | null>;
  /** One query: the page with each patient's name and identifier, the referrer's name, the booked time. */
  list(filter: ReferralListFilter): Promise<{ items: ReferralListItem[]; total: number }>;
  events(referralId: string): Promise<ReferralEventRecord[]>;
}

export function referralsRepository(sql: SqlExecutor): ReferralsRepository {
  async function addEvent(e: Omit<ReferralEventRecord, 'seq'>): Promise<void> {
    await sql.query(
      `INSERT INTO referral_event (referral_id, seq, at, actor_id, from_state, to_state, reason)
       VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM referral_event WHERE referral_id = $1), $2, $3, $4, $5, $6)`,
      [e.referralId, e.at, e.actorId, e.fromState, e.toState, e.reason],
    );
  }
  return {
    async insert(r: ReferralRecord, actorId: string | null): Promise<void> {
      await sql.query(
        `INSERT INTO referral (id, patient_id, referrer_id, source, examination, indications, clinical_information,
           signed_by_referrer, method, received_at, criteria_match, state, authorisation, decided_by, decided_at,
           decision_reason, return_reason, version, copy_report_to_gp)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          r.id,
          r.patientId,
          r.referrerId,
          r.source,
          r.examination,
          JSON.stringify(r.indications),
          r.clinicalInformation,
          r.signedByReferrer,
          r.method,
          r.receivedAt,
          JSON.stringify(r.criteriaMatch),
          r.state,
          r.authorisation,
          r.decidedBy,
          r.decidedAt,
          r.decisionReason,
          r.returnReason,
          r.version,
          r.copyReportToGp,
        ],
      );
      await addEvent({
        referralId: r.id,
        at: r.receivedAt,
        actorId,
        fromState: null,
        toState: r.state,
        reason: null,
      });
    },
    async byId(id: string): Promise<ReferralRecord | null> {
      return parseRow(referralRow, await sql.query('SELECT * FROM referral WHERE id = $1', [id]), 'referral');
    },
    /**
     * Records a decision, only if the referral is still at the version the decision was made on: a
     * second person deciding at the same moment gets null and nothing changes.
     */
    async decide(
      before: ReferralRecord,
      after: Pick<
        ReferralRecord,
        'state' | 'authorisation' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'returnReason'
      >,
    ): Promise<ReferralRecord | null> {
      const rows = await sql.query(
        `UPDATE referral SET state = $3, authorisation = $4, decided_by = $5, decided_at = $6, decision_reason = $7,
           return_reason = $8, version = version + 1
         WHERE id = $1 AND version = $2 RETURNING *`,
        [
          before.id,
          before.version,
          after.state,
          after.authorisation,
          after.decidedBy,
          after.decidedAt,
          after.decisionReason,
          after.returnReason,
        ],
      );
      const updated = parseRow(referralRow, rows, 'referral');
      if (updated) {
        await addEvent({
          referralId: before.id,
          at: after.decidedAt ?? new Date().toISOString(),
          actorId: after.decidedBy,
          fromState: before.state,
          toState: after.state,
          reason: after.decisionReason,
        });
      }
      return updated;
    },
    async list(filter: ReferralListFilter): Promise<{ items: ReferralListItem[]; total: number }> {
      const where = `($1::text IS NULL OR r.state = $1) AND ($2::uuid IS NULL OR r.patient_id = $2)
        AND ($5::uuid IS NULL OR r.referrer_id = $5)
        AND (NOT $6::boolean OR (r.state = 'authorised' AND NOT EXISTS (
          SELECT 1 FROM appointment a WHERE a.referral_id = r.id AND a.state = 'booked')))`;
      const params = [filter.state ?? null, filter.patientId ?? null];
      const rest = [filter.referrerId ?? null, filter.awaitingBooking ?? false];
      // One round trip: the page and, on every row, the total the filter matches; the names the worklist
      // shows and any booked time are joined to the page's rows only, not to every row the filter counts.
      const rows = await sql.query(
        `SELECT r.*, p.family_name AS patient_family_name, p.given_names AS patient_given_names,
           p.identifier AS patient_identifier, p.birth_date::text AS patient_birth_date,
           f.name AS referrer_name,
           (SELECT min(a.starts_at) FROM appointment a WHERE a.referral_id = r.id AND a.state = 'booked') AS booked_for
         FROM (SELECT r.*, count(*) OVER ()::int AS total_count FROM referral r WHERE ${where}
               ORDER BY r.received_at, r.id LIMIT $3 OFFSET $4) r
         JOIN patient p ON p.id = r.patient_id JOIN referrer f ON f.id = r.referrer_id
         ORDER BY r.received_at, r.id`,
        [...params, filter.limit, filter.offset, ...rest],
      );
      if (rows.length === 0 && filter.offset > 0) {
        const [count] = await sql.query(
          `SELECT count(*)::int AS n FROM referral r WHERE ${where.replaceAll('$5', '$3').replaceAll('$6', '$4')}`,
          [...params, ...rest],
        );
        return { items: [], total: countRow.parse(count).n };
      }
      const total = totalCountRow.parse(rows[0])?.total_count ?? 0;
      const items = parseRows(
        listRow,
        rows.map(({ total_count: _, ...row }) => row),
        'referral',
      );
      return { items, total };
    },
    async events(referralId: string): Promise<ReferralEventRecord[]> {
      return parseRows(
        eventRow,
        await sql.query('SELECT * FROM referral_event WHERE referral_id = $1 ORDER BY seq', [referralId]),
        'referral_event',
      );
    },
  };
}
