-- Least significant change per scanner and site (from the service's precision studies), DXA results as
-- entered or imported with the engine's assessment, and reports with every version kept (ROS 4.6).

CREATE TABLE scanner_lsc (
  scanner_id text NOT NULL REFERENCES scanner (id),
  site text NOT NULL,
  side text NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
  lsc_gcm2 numeric NOT NULL CHECK (lsc_gcm2 > 0),
  source text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (scanner_id, site, side)
);

CREATE TABLE dxa_result (
  id uuid PRIMARY KEY,
  visit_id uuid NOT NULL REFERENCES scan_visit (id),
  version integer NOT NULL,
  patient_id uuid NOT NULL REFERENCES patient (id),
  referral_id uuid NOT NULL REFERENCES referral (id),
  scanner_id text NOT NULL REFERENCES scanner (id),
  exam_date date NOT NULL,
  source text NOT NULL,
  exam_input jsonb NOT NULL,
  assessment jsonb NOT NULL,
  entered_by uuid NOT NULL REFERENCES app_user (id),
  entered_at timestamptz NOT NULL,
  UNIQUE (visit_id, version)
);

CREATE INDEX dxa_result_patient ON dxa_result (patient_id, exam_date);
