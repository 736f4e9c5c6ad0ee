-- Phantom QA (ROS 5.1, Appendix 3): a baseline per scanner from at least 10 spine phantom scans, each
-- later phantom scan on the control chart with the daily QC it decided, and the alerts an
-- out-of-control scan raises. Baselines are never changed: a new one supersedes the last.

CREATE TABLE phantom_baseline (
  id uuid PRIMARY KEY,
  scanner_id text NOT NULL REFERENCES scanner (id),
  established_at timestamptz NOT NULL,
  established_by uuid NOT NULL REFERENCES app_user (id),
  scans_gcm2 jsonb NOT NULL,
  mean_gcm2 double precision NOT NULL,
  sd_gcm2 double precision NOT NULL,
  tolerance_percent double precision NOT NULL,
  reason text NOT NULL
);

CREATE INDEX phantom_baseline_scanner ON phantom_baseline (scanner_id, established_at);

CREATE TABLE phantom_scan (
  id uuid PRIMARY KEY,
  scanner_id text NOT NULL REFERENCES scanner (id),
  baseline_id uuid NOT NULL REFERENCES phantom_baseline (id),
  scanned_at timestamptz NOT NULL,
  performed_by uuid NOT NULL REFERENCES app_user (id),
  bmd_gcm2 double precision NOT NULL,
  signals jsonb NOT NULL,
  in_control boolean NOT NULL,
  daily_qc_id uuid NOT NULL REFERENCES daily_qc (id)
);

CREATE INDEX phantom_scan_baseline ON phantom_scan (baseline_id, scanned_at);

CREATE TABLE qa_alert (
  id uuid PRIMARY KEY,
  scanner_id text NOT NULL REFERENCES scanner (id),
  raised_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('phantom_out_of_control')),
  detail jsonb NOT NULL,
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  closing_note text
);

CREATE INDEX qa_alert_scanner ON qa_alert (scanner_id, raised_at);
