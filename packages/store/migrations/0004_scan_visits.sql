-- The scan visit (ROS 4.5): identification, pregnancy enquiry, questionnaire (Appendix 2), measured
-- height and weight, consent, contraindications, sites scanned and the operator.

CREATE TABLE scan_visit (
  id uuid PRIMARY KEY,
  appointment_id uuid NOT NULL UNIQUE REFERENCES appointment (id),
  referral_id uuid NOT NULL REFERENCES referral (id),
  patient_id uuid NOT NULL REFERENCES patient (id),
  scanner_id text NOT NULL REFERENCES scanner (id),
  operator_id uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  identity jsonb NOT NULL,
  pregnancy jsonb NOT NULL,
  questionnaire jsonb NOT NULL,
  height_cm numeric,
  weight_kg numeric,
  consent boolean NOT NULL,
  contraindications jsonb NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('scanned', 'not_scanned')),
  not_scanned_reason text,
  sites_scanned jsonb NOT NULL,
  repeat_or_extra_scans text,
  operator_notes text
);

CREATE INDEX scan_visit_patient ON scan_visit (patient_id, recorded_at);
