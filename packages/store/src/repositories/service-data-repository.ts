import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { CountByKey, ServiceDataFigures, ServiceDataQuery } from '../types/service-data-records.ts';
import { parseRow, parseRows } from './row.ts';

// Service data (ROS 5) aggregated in the database, a few queries each over one table's rows in the
// period (migration 0015 indexes them by time), so a year of a million referrals stays fast.
// Dates are UTC calendar days, as everywhere in the service.

const count = z.number().int();
const countRows = z.object({ key: z.string(), count });
const referralGroups = z.object({
  source: z.string().nullable(),
  role: z.string().nullable(),
  organisation: z.string().nullable(),
  grouping: z.number().int(),
  count,
});
const appointmentRow = z.object({
  total: count,
  attended: count,
  did_not_attend: count,
  patient: count,
  service: count,
  rebooked: count,
  cancelled: count,
  booked: count,
});
const median = z.number().nullable();
const scanRow = z.object({ total: count, median_days: median, breaches: count, onward: count });
const reportRow = z.object({
  total: count,
  median_days: median,
  over_target: count,
  normal: count,
  low: count,
  osteoporosis: count,
  established: count,
});
const investigationRow = z.object({ kind: z.string(), taken: count, declined: count });
const qualityRow = z.object({
  qc: count,
  qc_failed: count,
  phantom_scans: count,
  alerts: count,
  handovers: count,
  downtime_hours: z.number(),
});

const REFERRALS = `
  SELECT r.source, f.role, f.organisation, GROUPING(r.source, f.role, f.organisation)::int AS grouping,
    count(*)::int AS count
  FROM referral r JOIN referrer f ON f.id = r.referrer_id
  WHERE r.received_at >= $1::timestamptz AND r.received_at < $2::timestamptz
  GROUP BY GROUPING SETS ((r.source), (f.role), (f.organisation), ())`;

const INDICATIONS = `
  SELECT i.code AS key, count(*)::int AS count
  FROM referral r CROSS JOIN LATERAL jsonb_array_elements_text(r.indications) AS i(code)
  WHERE r.received_at >= $1::timestamptz AND r.received_at < $2::timestamptz
  GROUP BY i.code ORDER BY count DESC, key`;

// Close reasons as the appointment use cases write them: "patient request: ...", "service: ...", "rebooked: ...".
const APPOINTMENTS = `
  SELECT count(*)::int AS total,
    count(*) FILTER (WHERE state = 'attended')::int AS attended,
    count(*) FILTER (WHERE state = 'did_not_attend')::int AS did_not_attend,
    count(*) FILTER (WHERE state = 'cancelled' AND close_reason LIKE 'patient request:%')::int AS patient,
    count(*) FILTER (WHERE state = 'cancelled' AND close_reason LIKE 'service:%')::int AS service,
    count(*) FILTER (WHERE state = 'cancelled' AND close_reason LIKE 'rebooked:%')::int AS rebooked,
    count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled,
    count(*) FILTER (WHERE state = 'booked')::int AS booked
  FROM appointment WHERE starts_at >= $1::timestamptz AND starts_at < $2::timestamptz`;

// DM01: waiting six weeks or more from the referral being received to the scan. Referrals received in the
// year before the period are matched in one pass; one received earlier still is looked up by itself.
const SCANS = `
  WITH recent AS (
    SELECT id, received_at FROM referral
    WHERE received_at >= $1::timestamptz - interval '1 year' AND received_at < $2::timestamptz
  ), s AS (
    SELECT v.id, (v.recorded_at AT TIME ZONE 'UTC')::date - (coalesce(r.received_at,
        (SELECT o.received_at FROM referral o WHERE o.id = v.referral_id)) AT TIME ZONE 'UTC')::date AS days
    FROM scan_visit v LEFT JOIN recent r ON r.id = v.referral_id
    WHERE v.outcome = 'scanned' AND v.recorded_at >= $1::timestamptz AND v.recorded_at < $2::timestamptz
  ), onward AS (
    -- Recorded for a visit, so not before it: only those recorded since the period began are looked at.
    SELECT DISTINCT fi.visit_id FROM further_investigation fi JOIN s ON s.id = fi.visit_id
    WHERE fi.recorded_at >= $1::timestamptz AND fi.kind IN (SELECT jsonb_array_elements_text($4::jsonb)) AND fi.status <> 'declined'
  )
  SELECT count(*)::int AS total, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.days) AS median_days,
    count(*) FILTER (WHERE s.days >= $3::int)::int AS breaches,
    (SELECT count(*) FROM onward)::int AS onward
  FROM s`;

// A report's first signature is on version 1 (drafts are revised in place; amendments are new versions,
// signed as they are made), and its result's exam date is the day of the scan. Its WHO category is the
// one its latest signed version states (migration 0015 keeps it beside the result); established (severe)
// osteoporosis is osteoporosis with a fragility fracture recorded with the results (WHO 1994).
const REPORTS = `
  WITH amended AS (
    -- An amendment is signed after the first signature, so only those signed since the period began.
    SELECT DISTINCT ON (l.report_id) l.report_id, d.who_category, d.fragility_fracture
    FROM report_version l JOIN dxa_result d ON d.id = l.result_id
    WHERE l.version > 1 AND l.signed_at IS NOT NULL AND l.signed_at >= $1::timestamptz
    ORDER BY l.report_id, l.version DESC
  ), r AS (
    SELECT (v1.signed_at AT TIME ZONE 'UTC')::date - d1.exam_date AS days,
      -- The latest signed amendment decides, even when it has no WHO category (now Z-score).
      CASE WHEN a.report_id IS NOT NULL THEN a.who_category ELSE d1.who_category END AS category,
      CASE WHEN a.report_id IS NOT NULL THEN a.fragility_fracture ELSE d1.fragility_fracture END AS fractured
    FROM report_version v1
    JOIN dxa_result d1 ON d1.id = v1.result_id
    LEFT JOIN amended a ON a.report_id = v1.report_id
    WHERE v1.version = 1 AND v1.signed_at >= $1::timestamptz AND v1.signed_at < $2::timestamptz
  )
  SELECT count(*)::int AS total, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
    count(*) FILTER (WHERE days > $3::int)::int AS over_target,
    count(*) FILTER (WHERE category = 'normal')::int AS normal,
    count(*) FILTER (WHERE category = 'low_bone_density')::int AS low,
    count(*) FILTER (WHERE category = 'osteoporosis' AND NOT fractured)::int AS osteoporosis,
    count(*) FILTER (WHERE category = 'osteoporosis' AND fractured)::int AS established
  FROM r`;

const INVESTIGATIONS = `
  SELECT kind, count(*) FILTER (WHERE status <> 'declined')::int AS taken,
    count(*) FILTER (WHERE status = 'declined')::int AS declined
  FROM further_investigation
  WHERE recorded_at >= $1::timestamptz AND recorded_at < $2::timestamptz
  GROUP BY kind ORDER BY kind`;

// Downtime: each handover's time with the engineer (until now when not yet returned), clipped to the period.
const QUALITY = `
  WITH down AS (
    SELECT greatest(handed_over_at, $1::timestamptz) AS began,
      least(coalesce(returned_at, $5::timestamptz), $2::timestamptz) AS ended
    FROM maintenance_event
    WHERE handed_over_at IS NOT NULL AND handed_over_at < $2::timestamptz
      AND coalesce(returned_at, $5::timestamptz) > $1::timestamptz
  )
  SELECT
    (SELECT count(*) FROM daily_qc WHERE qc_date BETWEEN $3::date AND $4::date)::int AS qc,
    (SELECT count(*) FROM daily_qc WHERE qc_date BETWEEN $3::date AND $4::date AND NOT passed)::int AS qc_failed,
    (SELECT count(*) FROM phantom_scan
      WHERE scanned_at >= $1::timestamptz AND scanned_at < $2::timestamptz)::int AS phantom_scans,
    (SELECT count(*) FROM qa_alert WHERE kind = 'phantom_out_of_control'
      AND raised_at >= $1::timestamptz AND raised_at < $2::timestamptz)::int AS alerts,
    (SELECT count(*) FROM down WHERE ended > began)::int AS handovers,
    (SELECT coalesce(sum(extract(epoch FROM ended - began)) FILTER (WHERE ended > began), 0)
      FROM down)::float8 / 3600 AS downtime_hours`;

function one<T>(schema: z.ZodType<T>, rows: Parameters<typeof parseRow>[1], name: string): T {
  const row = parseRow(schema, rows, name);
  if (row === null) throw new Error(`service data: the ${name} query returned no row`);
  return row;
}

function groupsOf(
  rows: z.infer<typeof referralGroups>[],
  grouping: number,
  key: 'source' | 'role' | 'organisation',
): CountByKey[] {
  return rows
    .filter((r) => r.grouping === grouping)
    .map((r) => ({ key: r[key] ?? '', count: r.count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The aggregate figures ROS 5 asks a service to keep, for a period. */
export interface ServiceDataRepository {
  figures(q: ServiceDataQuery): Promise<ServiceDataFigures>;
}

export function serviceDataRepository(sql: SqlExecutor): ServiceDataRepository {
  return {
    async figures(q) {
      const range = [q.fromAt, q.toAt];
      // Independent queries: on PostgreSQL each takes its own pooled connection, so they run side by side.
      const [referrals, indications, appointments, scans, reports, investigations, quality] =
        await Promise.all([
          sql.query(REFERRALS, range),
          sql.query(INDICATIONS, range),
          sql.query(APPOINTMENTS, range),
          sql.query(SCANS, [...range, q.scanBreachDays, JSON.stringify(q.onwardKinds)]),
          sql.query(REPORTS, [...range, q.reportTargetDays]),
          sql.query(INVESTIGATIONS, range),
          sql.query(QUALITY, [...range, q.fromDate, q.toDate, q.nowAt]),
        ]);
      const groups = parseRows(referralGroups, referrals, 'referral');
      // GROUPING(source, role, organisation): a bit set for each column left out of the group.
      const total = groups.find((g) => g.grouping === 7)?.count ?? 0;
      const a = one(appointmentRow, appointments, 'appointment');
      const s = one(scanRow, scans, 'scan_visit');
      const r = one(reportRow, reports, 'report');
      const inv = parseRows(investigationRow, investigations, 'further_investigation');
      const qa = one(qualityRow, quality, 'quality');
      return {
        referrals: {
          total,
          bySource: groupsOf(groups, 3, 'source'),
          byReferrerRole: groupsOf(groups, 5, 'role'),
          byOrganisation: groupsOf(groups, 6, 'organisation'),
          byIndication: parseRows(countRows, indications, 'referral'),
        },
        appointments: {
          total: a.total,
          attended: a.attended,
          didNotAttend: a.did_not_attend,
          cancelledAtPatientRequest: a.patient,
          cancelledByService: a.service,
          cancelledToRebook: a.rebooked,
          cancelledOther: a.cancelled - a.patient - a.service - a.rebooked,
          stillBooked: a.booked,
        },
        scans: {
          total: s.total,
          medianWaitDays: s.median_days,
          breaches: s.breaches,
          withOnwardReferral: s.onward,
        },
        reports: {
          total: r.total,
          medianWaitDays: r.median_days,
          overTarget: r.over_target,
          normal: r.normal,
          lowBoneDensity: r.low,
          osteoporosis: r.osteoporosis,
          establishedOsteoporosis: r.established,
          notWho: r.total - r.normal - r.low - r.osteoporosis - r.established,
        },
        investigations: {
          byKind: inv.filter((i) => i.taken > 0).map((i) => ({ key: i.kind, count: i.taken })),
          declined: inv.reduce((sum, i) => sum + i.declined, 0),
        },
        quality: {
          dailyQc: qa.qc,
          dailyQcFailed: qa.qc_failed,
          phantomScans: qa.phantom_scans,
          phantomAlerts: qa.alerts,
          handovers: qa.handovers,
          downtimeHours: qa.downtime_hours,
        },
      };
    },
  };
}
