-- Commissioning and acceptance of a new scanner (ROS Appendix 3) and cross-calibration between an old and
-- a new scanner (ISCD 2019). A scanner in commissioning is not in clinical use until a medical physics
-- expert releases it; each checklist item is recorded as done or not applicable, with who, when and what
-- evidence. A cross-calibration gives the conversion new = slope x old + intercept for one site (or all),
-- used when a prior scan on the old scanner is compared with a scan on the new one.

CREATE TABLE scanner_commissioning (
  scanner_id text PRIMARY KEY REFERENCES scanner (id),
  started_at timestamptz NOT NULL,
  started_by uuid NOT NULL REFERENCES app_user (id),
  replaces_scanner_id text REFERENCES scanner (id),
  released_at timestamptz,
  released_by uuid REFERENCES app_user (id),
  release_note text,
  CHECK ((released_at IS NULL) = (released_by IS NULL))
);

CREATE TABLE commissioning_check (
  scanner_id text NOT NULL REFERENCES scanner_commissioning (scanner_id),
  item_code text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('done', 'not_applicable')),
  note text,
  evidence text,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (scanner_id, item_code)
);

CREATE TABLE cross_calibration (
  id uuid PRIMARY KEY,
  from_scanner_id text NOT NULL REFERENCES scanner (id),
  to_scanner_id text NOT NULL REFERENCES scanner (id),
  site text,
  method text NOT NULL CHECK (method IN ('in_vivo', 'phantom', 'stated')),
  performed_from date NOT NULL,
  performed_to date NOT NULL,
  slope double precision NOT NULL CHECK (slope > 0),
  intercept_gcm2 double precision NOT NULL,
  lsc_gcm2 double precision CHECK (lsc_gcm2 > 0),
  fit jsonb,
  scans jsonb,
  source text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  CHECK (from_scanner_id <> to_scanner_id),
  CHECK (performed_from <= performed_to)
);

CREATE INDEX cross_calibration_scanners ON cross_calibration (to_scanner_id, from_scanner_id, recorded_at);
