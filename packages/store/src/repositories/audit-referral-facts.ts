import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { SampledReferralFacts } from '../types/audit-programme-records.ts';
import { nullableText, parseRows } from './row.ts';

const referralFactsRow = z
  .object({
    id: z.string(),
    received_at: z.string(),
    signed_by_referrer: z.boolean(),
    referrer_name: z.string(),
    entitled_from: z.string(),
    entitled_until: nullableText,
    state: z.string(),
    authorisation: z.enum(['practitioner_justified', 'operator_under_written_criteria']).nullable(),
    decided_at: nullableText,
    meets_criteria: z.boolean().nullable(),
    decider_entitled: z.boolean().nullable(),
    scanned: z.boolean(),
  })
  .transform((r): SampledReferralFacts => ({
    referralId: r.id,
    receivedAt: r.received_at,
    signedByReferrer: r.signed_by_referrer,
    referrerName: r.referrer_name,
    referrerEntitledFrom: r.entitled_from,
    referrerEntitledUntil: r.entitled_until,
    state: r.state,
    authorisation: r.authorisation,
    decidedAt: r.decided_at,
    meetsCriteria: r.meets_criteria === true,
    deciderEntitled: r.decider_entitled,
    scanned: r.scanned,
  }));

/**
 * The facts a referrals audit checks, for the sampled referrals: the referrer's entitlement dates, the
 * authorisation basis, and whether the person who authorised it held the entitlement that basis needs on
 * the day (an IR(ME)R practitioner to justify; an operator to authorise under written criteria).
 */
export async function referralFacts(
  sql: SqlExecutor,
  ids: readonly string[],
): Promise<SampledReferralFacts[]> {
  return parseRows(
    referralFactsRow,
    await sql.query(
      `SELECT r.id, r.received_at, r.signed_by_referrer, rr.name AS referrer_name, rr.entitled_from,
         rr.entitled_until, r.state, r.authorisation, ev.at AS decided_at,
         (r.criteria_match ->> 'meetsCriteria')::boolean AS meets_criteria,
         CASE WHEN r.authorisation IS NULL OR ev.at IS NULL THEN NULL ELSE EXISTS (
           SELECT 1 FROM entitlement e WHERE e.user_id = ev.actor_id
             AND e.role = CASE r.authorisation WHEN 'practitioner_justified' THEN 'irmer_practitioner'
                                               ELSE 'operator' END
             AND e.valid_from <= ev.at::date
             AND (e.valid_until IS NULL OR e.valid_until >= ev.at::date)
             AND (e.revoked_at IS NULL OR e.revoked_at > ev.at)) END AS decider_entitled,
         EXISTS (SELECT 1 FROM scan_visit sv WHERE sv.referral_id = r.id AND sv.outcome = 'scanned') AS scanned
       FROM referral r JOIN referrer rr ON rr.id = r.referrer_id
       -- Who authorised it and when: the referral's own decided_by moves on with later steps (the scan).
       LEFT JOIN LATERAL (
         SELECT e.actor_id, e.at FROM referral_event e
         WHERE e.referral_id = r.id AND e.from_state = 'received' AND e.to_state = 'authorised'
         ORDER BY e.seq DESC LIMIT 1
       ) ev ON true
       WHERE r.id::text IN (SELECT jsonb_array_elements_text($1::jsonb))
       ORDER BY r.received_at, r.id`,
      [JSON.stringify(ids)],
    ),
    'referral',
  );
}
