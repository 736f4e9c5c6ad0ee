-- Reports (ROS 4.6, Appendix 4C): draft, signed, amended; every signed version kept and never deleted.
-- The reporter's professional registration and the service's own details appear on every report.

CREATE TABLE reporter_profile (
  user_id uuid PRIMARY KEY REFERENCES app_user (id),
  title text NOT NULL,
  registration_body text NOT NULL CHECK (registration_body IN ('GMC', 'HCPC', 'NMC', 'GPhC', 'other')),
  registration_number text NOT NULL
);

CREATE TABLE service_details (
  id integer PRIMARY KEY CHECK (id = 1),
  name text NOT NULL,
  address text NOT NULL,
  advice_line text,
  email text
);

CREATE TABLE report (
  id uuid PRIMARY KEY,
  visit_id uuid NOT NULL REFERENCES scan_visit (id),
  patient_id uuid NOT NULL REFERENCES patient (id),
  referral_id uuid NOT NULL REFERENCES referral (id),
  state text NOT NULL CHECK (state IN ('draft', 'signed', 'amended')),
  created_at timestamptz NOT NULL,
  issued_version integer,
  row_version integer NOT NULL DEFAULT 1
);

CREATE UNIQUE INDEX report_visit ON report (visit_id);

CREATE TABLE report_version (
  report_id uuid NOT NULL REFERENCES report (id),
  version integer NOT NULL,
  result_id uuid NOT NULL REFERENCES dxa_result (id),
  context jsonb NOT NULL,
  document jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user (id),
  reason text,
  signed_at timestamptz,
  signed_by text,
  PRIMARY KEY (report_id, version)
);
