// Bulk generation for the service data benchmark: set-based INSERT ... SELECT over generate_series, each
// row's fate drawn from a hash of its id, so a run always builds the same service.

export interface GenerationOptions {
  referrals: number;
  firstYear: number;
  years: number;
  examInput: unknown;
  assessment: unknown;
}

export interface GenerationStep {
  name: string;
  sql: string;
  params?: unknown[];
}

const USER = '00000000-0000-0000-0000-000000000001';
const U = `'${USER}'::uuid`;
const REFERRERS = 2000;
const SCANNERS = ['DXA-1', 'DXA-2', 'DXA-3'];

export function generationSteps(o: GenerationOptions): GenerationStep[] {
  const start = `'${String(o.firstYear)}-01-01T00:00:00Z'::timestamptz`;
  const spanSeconds = o.years * 365.25 * 86_400;
  const step = spanSeconds / o.referrals;
  const days = Math.ceil(o.years * 365.25) + 60;
  // h: a stable pseudo-random number per row, from its id.
  return [
    {
      name: 'a user and three scanners',
      sql: `WITH u AS (INSERT INTO app_user (id, username, display_name, password_hash)
          VALUES (${U}, 'bench', 'Bench', 'x') RETURNING id)
        INSERT INTO scanner (id, modality, manufacturer, model, location)
        SELECT s, 'dxa', 'Hologic', 'Horizon A', 'Unit ' || s FROM unnest($1::text[]) s`,
      params: [SCANNERS],
    },
    {
      name: `${String(REFERRERS)} referrers at 400 organisations`,
      sql: `INSERT INTO referrer (id, name, profession, registration_body, registration_number, organisation, role,
          entitled_from)
        SELECT md5('f' || k)::uuid, 'Dr ' || k, 'General practitioner', 'GMC', k::text,
          CASE WHEN k % 10 = 0 THEN 'Practice ' || k % 400 || ', "Health" Centre' ELSE 'Practice ' || k % 400 END,
          (ARRAY['gp', 'specialist', 'other'])[1 + k % 3], '2000-01-01'
        FROM generate_series(0, ${String(REFERRERS - 1)}) k`,
    },
    {
      name: `${String(o.referrals)} patients`,
      sql: `INSERT INTO patient (id, identifier_system, identifier, family_name, given_names, birth_date, address, sex)
        SELECT md5('p' || i)::uuid, 'https://fhir.nhs.uk/Id/nhs-number', i::text, 'Patient', 'Bench',
          '1940-01-01'::date + i % 12000, i || ' High Street', CASE WHEN i % 5 = 0 THEN 'male' ELSE 'female' END
        FROM generate_series(1, ${String(o.referrals)}) i`,
    },
    {
      name: `${String(o.referrals)} referrals`,
      sql: `INSERT INTO referral (id, patient_id, referrer_id, source, examination, indications, clinical_information,
          signed_by_referrer, method, received_at, criteria_match, state, authorisation, decided_by, decided_at)
        SELECT md5('r' || i)::uuid, md5('p' || i)::uuid, md5('f' || i % ${String(REFERRERS)})::uuid,
          (ARRAY['gp', 'fracture_liaison', 'falls', 'secondary_care', 'opportunistic', 'bone_affecting_medication',
            'other'])[1 + i % 7], 'dxa',
          CASE WHEN i % 4 = 0 THEN '["fragility_fracture", "glucocorticoids"]'::jsonb
            ELSE jsonb_build_array((ARRAY['fragility_fracture', 'vertebral_fracture', 'glucocorticoids',
              'bone_losing_medication', 'premature_menopause'])[1 + i % 5]) END,
          'Wrist fracture after a fall from standing.', true, 'electronic', r.at,
          '{"meetsCriteria": true, "matched": [{"id": "fragility_fracture", "text": "Fragility fracture at 50 or over", "source": "NOGG"}], "unmatched": [], "criteriaVersion": "bench"}',
          CASE i % 50 WHEN 0 THEN 'returned' WHEN 1 THEN 'cancelled' ELSE 'scanned' END,
          CASE WHEN i % 50 > 1 THEN 'operator_under_written_criteria' END, ${U}, r.at + interval '1 day'
        FROM generate_series(1, ${String(o.referrals)}) i
        CROSS JOIN LATERAL (SELECT ${start} + (i - 1) * interval '${step.toFixed(3)} seconds' AS at) r`,
    },
    {
      // A first appointment 7-46 days after receipt: 5% DNA, 3% cancelled by the patient, 2% by the
      // service, 2% moved; those 12% attend a second appointment two weeks later.
      name: 'appointments',
      sql: `WITH first AS (
          SELECT r.id AS referral_id, r.patient_id, i, r.received_at + (7 + i % 40) * interval '1 day'
            + interval '9 hours' + (i % 16) * interval '30 minutes' AS starts_at
          FROM generate_series(1, ${String(o.referrals)}) i JOIN referral r ON r.id = md5('r' || i)::uuid
          WHERE i % 50 > 1
        )
        INSERT INTO appointment (id, referral_id, patient_id, scanner_id, starts_at, duration_minutes, state,
          booked_by, booked_at, closed_by, closed_at, close_reason)
        SELECT md5('a1' || i)::uuid, referral_id, patient_id, ($1::text[])[1 + i % 3], starts_at, 30,
          CASE WHEN i % 100 < 5 THEN 'did_not_attend' WHEN i % 100 < 12 THEN 'cancelled' ELSE 'attended' END,
          ${U}, starts_at - interval '20 days', ${U}, starts_at,
          CASE WHEN i % 100 < 5 THEN 'did not attend' WHEN i % 100 < 8 THEN 'patient request: away'
            WHEN i % 100 < 10 THEN 'service: staff sickness' WHEN i % 100 < 12 THEN 'rebooked: later day' END
        FROM first
        UNION ALL
        SELECT md5('a2' || i)::uuid, referral_id, patient_id, ($1::text[])[1 + i % 3],
          starts_at + interval '14 days', 30, 'attended', ${U}, starts_at, ${U},
          starts_at + interval '14 days', NULL
        FROM first WHERE i % 100 < 12`,
      params: [SCANNERS],
    },
    {
      name: 'scan visits (1% not scanned)',
      sql: `INSERT INTO scan_visit (id, appointment_id, referral_id, patient_id, scanner_id, operator_id, recorded_at,
          identity, pregnancy, questionnaire, height_cm, weight_kg, consent, contraindications, outcome,
          not_scanned_reason, sites_scanned)
        SELECT md5('v' || a.id)::uuid, a.id, a.referral_id, a.patient_id, a.scanner_id, ${U}, a.starts_at,
          '{"name": true, "birthDate": true, "address": true, "examination": true}',
          '{"childBearingCapacity": false, "status": "not_applicable"}',
          '{"previousFracture": true, "parentHipFracture": false, "smoker": false, "alcoholUnitsPerWeek": 4, "rheumatoidArthritis": false, "glucocorticoids": false}',
          150 + abs(hashtext(a.id::text)) % 40, 50 + abs(hashtext(a.id::text)) % 50, true,
          '{"recentNuclearMedicine": false, "recentContrast": false, "metalwork": null}',
          CASE WHEN abs(hashtext(a.id::text)) % 100 = 0 THEN 'not_scanned' ELSE 'scanned' END,
          CASE WHEN abs(hashtext(a.id::text)) % 100 = 0 THEN 'Could not lie flat' END,
          '["lumbar_spine", "left_hip"]'
        FROM appointment a WHERE a.state = 'attended'`,
    },
    {
      // The example exam's real assessment (6 kB), its category and fracture varied per scan.
      name: 'DXA results',
      sql: `INSERT INTO dxa_result (id, visit_id, version, patient_id, referral_id, scanner_id, exam_date, source,
          exam_input, assessment, entered_by, entered_at, who_category, fragility_fracture)
        SELECT id, visit_id, 1, patient_id, referral_id, scanner_id, exam_date, 'manual', exam_input, assessment,
          ${U}, entered_at, assessment #>> '{classification,category}',
          (exam_input #>> '{clinical,priorFragilityFracture}') = 'true'
        FROM (
          SELECT md5('d' || v.id)::uuid AS id, v.id AS visit_id, v.patient_id, v.referral_id, v.scanner_id,
            (v.recorded_at AT TIME ZONE 'UTC')::date AS exam_date, v.recorded_at + interval '1 hour' AS entered_at,
            e.exam_input, c.assessment
          FROM scan_visit v CROSS JOIN LATERAL (SELECT abs(hashtext(v.id::text)) AS h) x
          JOIN (SELECT f, jsonb_set($1::jsonb, '{clinical}', jsonb_build_object('priorFragilityFracture', f)) AS exam_input
            FROM unnest(ARRAY[false, true]) f) e ON e.f = (h % 5 = 0)
          JOIN (SELECT n, jsonb_set($2::jsonb, '{classification,category}', to_jsonb(category)) AS assessment
            FROM unnest(ARRAY['normal', 'low_bone_density', 'osteoporosis']) WITH ORDINALITY AS k(category, n)) c
            ON c.n = 1 + h % 3
          WHERE v.outcome = 'scanned'
        ) s`,
      params: [JSON.stringify(o.examInput), JSON.stringify(o.assessment)],
    },
    {
      name: 'reports (2% amended)',
      sql: `INSERT INTO report (id, visit_id, patient_id, referral_id, state, created_at, issued_version, row_version)
        SELECT md5('rp' || d.id)::uuid, d.visit_id, d.patient_id, d.referral_id,
          CASE WHEN abs(hashtext(d.id::text)) % 50 = 0 THEN 'amended' ELSE 'signed' END, d.entered_at, 1, 2
        FROM dxa_result d`,
    },
    {
      // Signed 0-34 days after the results; an amendment five days after that.
      name: 'report versions',
      sql: `INSERT INTO report_version (report_id, version, result_id, context, document, created_at, created_by,
          reason, signed_at, signed_by)
        SELECT md5('rp' || d.id)::uuid, v.version, d.id, '{"bench": true}', '{"bench": true}', d.entered_at,
          ${U}, CASE WHEN v.version = 2 THEN 'Corrected the site' END,
          d.entered_at + (h % 35) * interval '1 day' + (v.version - 1) * interval '5 days', 'bench'
        FROM dxa_result d CROSS JOIN LATERAL (SELECT abs(hashtext(d.id::text)) AS h) x
        CROSS JOIN LATERAL generate_series(1, CASE WHEN h % 50 = 0 THEN 2 ELSE 1 END) v(version)`,
    },
    {
      name: 'further investigations (a quarter of scans)',
      sql: `INSERT INTO further_investigation (id, patient_id, referral_id, visit_id, kind, reason, status,
          recorded_by, recorded_at)
        SELECT md5('fi' || v.id)::uuid, v.patient_id, v.referral_id, v.id,
          (ARRAY['vertebral_fracture_assessment', 'spine_radiograph', 'blood_tests', 'forearm_scan',
            'specialist_referral', 'falls_service', 'fracture_liaison_service', 'other'])[1 + h / 4 % 8],
          'Flagged by the assessment', (ARRAY['recommended', 'requested', 'done', 'declined'])[1 + h / 32 % 4],
          ${U}, v.recorded_at + interval '1 day'
        FROM scan_visit v CROSS JOIN LATERAL (SELECT abs(hashtext(v.id::text)) AS h) x
        WHERE v.outcome = 'scanned' AND h % 4 = 0`,
    },
    {
      name: 'daily QC, weekly phantom scans, alerts',
      sql: `WITH qc AS (
          INSERT INTO daily_qc (id, scanner_id, qc_date, performed_at, performed_by, passed, measurements, note)
          SELECT md5('q' || s || d)::uuid, s, ${start}::date + d, ${start} + d * interval '1 day' + interval '8 hours',
            ${U}, abs(hashtext(s || d)) % 60 <> 0, '{"bmdGcm2": 1.032}',
            CASE WHEN abs(hashtext(s || d)) % 60 = 0 THEN 'Out of tolerance; engineer called' END
          FROM unnest($1::text[]) s CROSS JOIN generate_series(0, ${String(days)}) d
          RETURNING id, scanner_id, qc_date, performed_at, passed
        ), baseline AS (
          INSERT INTO phantom_baseline (id, scanner_id, established_at, established_by, scans_gcm2, mean_gcm2, sd_gcm2,
            tolerance_percent, reason)
          SELECT md5('b' || s)::uuid, s, ${start} - interval '1 day', ${U}, '[1.03, 1.032, 1.034]', 1.032, 0.002,
            1.5, 'Installation'
          FROM unnest($1::text[]) s RETURNING id, scanner_id
        ), phantom AS (
          INSERT INTO phantom_scan (id, scanner_id, baseline_id, scanned_at, performed_by, bmd_gcm2, signals,
            in_control, daily_qc_id)
          SELECT md5('ps' || qc.id)::uuid, qc.scanner_id, b.id, qc.performed_at, ${U},
            CASE WHEN qc.passed THEN 1.032 ELSE 1.09 END, '[]', qc.passed, qc.id
          FROM qc JOIN baseline b ON b.scanner_id = qc.scanner_id
          WHERE extract(dow FROM qc.qc_date) = 1 RETURNING id, scanner_id, scanned_at, in_control
        )
        INSERT INTO qa_alert (id, scanner_id, raised_at, kind, detail)
        SELECT md5('al' || id)::uuid, scanner_id, scanned_at, 'phantom_out_of_control', '{"signals": []}'
        FROM phantom WHERE NOT in_control`,
      params: [SCANNERS],
    },
    {
      name: 'maintenance: a handover a month per scanner',
      sql: `INSERT INTO maintenance_event (id, scanner_id, kind, reported_at, reported_by, description, handed_over_at,
          handed_over_by, engineer, returned_at, returned_by, engineer_report, checks_on_return)
        SELECT md5('m' || s || k)::uuid, s, 'planned_maintenance', t, ${U}, 'Six-monthly service', t,
          ${U}, 'Hologic UK', t + (2 + k % 10) * interval '1 hour', ${U}, 'Serviced', 'Phantom in tolerance'
        FROM unnest($1::text[]) s CROSS JOIN generate_series(0, ${String(o.years * 12)}) k
        CROSS JOIN LATERAL (SELECT ${start} + k * interval '30 days' + interval '7 hours' AS t) x`,
      params: [SCANNERS],
    },
  ];
}
