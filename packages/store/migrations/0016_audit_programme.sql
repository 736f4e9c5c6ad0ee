-- The audit programme (ROS 9.2) and incidents (ROS 5): each month's random sample of referrals or scans
-- with the seed that draws it again; audits of the IR(ME)R-mandated and clinical quality kinds with
-- their findings, actions and closure; incidents and near misses with root cause analysis and outcome.

CREATE TABLE audit_sample (
  id uuid PRIMARY KEY,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  kind text NOT NULL CHECK (kind IN ('referrals', 'scans')),
  seed bigint NOT NULL CHECK (seed >= 0 AND seed < 4294967296),
  sample_percent integer NOT NULL,
  population_size integer NOT NULL,
  item_ids jsonb NOT NULL,
  drawn_at timestamptz NOT NULL,
  drawn_by uuid NOT NULL REFERENCES app_user (id),
  UNIQUE (month, kind)
);

CREATE TABLE clinical_audit (
  id uuid PRIMARY KEY,
  audit_type text NOT NULL,
  title text NOT NULL,
  scope text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  sample_id uuid REFERENCES audit_sample (id),
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  conclusion text,
  CHECK (period_from <= period_to)
);

CREATE TABLE audit_finding (
  id uuid PRIMARY KEY,
  audit_id uuid NOT NULL REFERENCES clinical_audit (id),
  severity text NOT NULL CHECK (severity IN ('low', 'moderate', 'high')),
  description text NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user (id)
);

CREATE INDEX audit_finding_audit ON audit_finding (audit_id, recorded_at);

CREATE TABLE audit_action (
  id uuid PRIMARY KEY,
  audit_id uuid NOT NULL REFERENCES clinical_audit (id),
  finding_id uuid REFERENCES audit_finding (id),
  description text NOT NULL,
  owner text NOT NULL,
  due_on date NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  what_was_done text
);

CREATE INDEX audit_action_audit ON audit_action (audit_id, created_at);

CREATE TABLE incident (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('incident', 'near_miss')),
  occurred_at timestamptz NOT NULL,
  description text NOT NULL,
  patient_id uuid REFERENCES patient (id),
  regulator_notifiable boolean NOT NULL,
  reported_at timestamptz NOT NULL,
  reported_by uuid NOT NULL REFERENCES app_user (id),
  cause_categories jsonb,
  root_cause text,
  contributory_factors text,
  outcome text,
  actions text,
  analysed_at timestamptz,
  analysed_by uuid REFERENCES app_user (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  CHECK (closed_at IS NULL OR analysed_at IS NOT NULL)
);

CREATE INDEX incident_reported ON incident (reported_at);
