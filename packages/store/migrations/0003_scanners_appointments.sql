-- Scanners and their daily quality control (ROS 5.1), appointments (ROS 4.4), and the letters the
-- service sends (appointment letters, reminders, did-not-attend letters to referrers).

CREATE TABLE scanner (
  id text PRIMARY KEY,
  modality text NOT NULL CHECK (modality IN ('dxa', 'ct')),
  manufacturer text NOT NULL,
  model text NOT NULL,
  software_version text,
  location text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE daily_qc (
  id uuid PRIMARY KEY,
  scanner_id text NOT NULL REFERENCES scanner (id),
  qc_date date NOT NULL,
  performed_at timestamptz NOT NULL,
  performed_by uuid NOT NULL REFERENCES app_user (id),
  passed boolean NOT NULL,
  measurements jsonb NOT NULL,
  note text
);

CREATE INDEX daily_qc_scanner_date ON daily_qc (scanner_id, qc_date);

ALTER TABLE referral DROP CONSTRAINT referral_state_check;

ALTER TABLE referral ADD CONSTRAINT referral_state_check
  CHECK (state IN ('received', 'authorised', 'returned', 'cancelled', 'discharged', 'scanned'));

CREATE TABLE appointment (
  id uuid PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referral (id),
  patient_id uuid NOT NULL REFERENCES patient (id),
  scanner_id text NOT NULL REFERENCES scanner (id),
  starts_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
  state text NOT NULL CHECK (state IN ('booked', 'cancelled', 'attended', 'did_not_attend')),
  booked_by uuid NOT NULL REFERENCES app_user (id),
  booked_at timestamptz NOT NULL,
  scanner_override_reason text,
  reminder_sent_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  closed_at timestamptz,
  close_reason text,
  version integer NOT NULL DEFAULT 1
);

CREATE INDEX appointment_day ON appointment (scanner_id, starts_at);
CREATE INDEX appointment_referral ON appointment (referral_id);
CREATE INDEX appointment_patient ON appointment (patient_id, starts_at);

CREATE TABLE correspondence (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patient (id),
  referral_id uuid REFERENCES referral (id),
  appointment_id uuid REFERENCES appointment (id),
  kind text NOT NULL CHECK (kind IN ('appointment_letter', 'reminder', 'did_not_attend_referrer', 'referral_returned', 'report')),
  recipient text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user (id),
  body text NOT NULL
);

CREATE INDEX correspondence_patient ON correspondence (patient_id, created_at);
