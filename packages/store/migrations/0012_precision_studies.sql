-- Precision studies (ISCD 2019: 15 patients x 3 or 30 x 2 scans, repositioned between scans) per scanner,
-- and per operator where one operator did them all: the scans as entered (patients by study code only)
-- and the engine's result per site, which sets the scanner's LSC when the study is ISCD compliant.

CREATE TABLE precision_study (
  id uuid PRIMARY KEY,
  scanner_id text NOT NULL REFERENCES scanner (id),
  operator_id uuid REFERENCES app_user (id),
  performed_from date NOT NULL,
  performed_to date NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  scans jsonb NOT NULL,
  results jsonb NOT NULL,
  applied_to_lsc boolean NOT NULL,
  CHECK (performed_from <= performed_to)
);

CREATE INDEX precision_study_scanner ON precision_study (scanner_id, recorded_at);
