-- Patients, referrers and referrals with every change of state kept (ROS 4.2-4.4).

CREATE TABLE patient (
  id uuid PRIMARY KEY,
  identifier_system text NOT NULL,
  identifier text NOT NULL,
  family_name text NOT NULL,
  given_names text NOT NULL,
  birth_date date NOT NULL,
  address text NOT NULL,
  postcode text,
  sex text NOT NULL CHECK (sex IN ('female', 'male')),
  gender text,
  pronouns text,
  ethnicity text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (identifier_system, identifier)
);

CREATE TABLE referrer (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  profession text NOT NULL,
  registration_body text NOT NULL,
  registration_number text NOT NULL,
  organisation text NOT NULL,
  role text NOT NULL CHECK (role IN ('gp', 'specialist', 'other')),
  entitled_from date NOT NULL,
  entitled_until date,
  user_id uuid REFERENCES app_user (id),
  UNIQUE (registration_body, registration_number)
);

CREATE TABLE referral (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patient (id),
  referrer_id uuid NOT NULL REFERENCES referrer (id),
  source text NOT NULL CHECK (source IN ('gp', 'fracture_liaison', 'falls', 'secondary_care',
    'opportunistic', 'bone_affecting_medication', 'other')),
  examination text NOT NULL CHECK (examination IN ('dxa', 'qct')),
  indications jsonb NOT NULL,
  clinical_information text NOT NULL,
  signed_by_referrer boolean NOT NULL,
  method text NOT NULL CHECK (method IN ('electronic', 'email', 'post', 'choose_and_book', 'order_comms')),
  received_at timestamptz NOT NULL,
  criteria_match jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('received', 'authorised', 'returned', 'cancelled')),
  authorisation text CHECK (authorisation IN ('practitioner_justified', 'operator_under_written_criteria')),
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  decision_reason text,
  return_reason text CHECK (return_reason IN ('inadequate_information', 'inappropriate_indication', 'unsigned')),
  version integer NOT NULL DEFAULT 1
);

CREATE INDEX referral_state ON referral (state, received_at);
CREATE INDEX referral_patient ON referral (patient_id);

CREATE TABLE referral_event (
  referral_id uuid NOT NULL REFERENCES referral (id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES app_user (id),
  from_state text,
  to_state text NOT NULL,
  reason text,
  PRIMARY KEY (referral_id, seq)
);
