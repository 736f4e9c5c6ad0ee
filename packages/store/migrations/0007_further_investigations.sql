-- Further investigation and onward referral (ROS 4.7): what was asked for, by whom, and what became of it.

CREATE TABLE further_investigation (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patient (id),
  referral_id uuid NOT NULL REFERENCES referral (id),
  visit_id uuid REFERENCES scan_visit (id),
  kind text NOT NULL CHECK (kind IN ('vertebral_fracture_assessment', 'spine_radiograph', 'blood_tests',
    'forearm_scan', 'specialist_referral', 'falls_service', 'fracture_liaison_service', 'other')),
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('recommended', 'requested', 'done', 'declined')),
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  outcome text
);

CREATE INDEX further_investigation_patient ON further_investigation (patient_id, recorded_at);
