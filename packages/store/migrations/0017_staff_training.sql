-- Staff training and competency records with their renewal dates, CPD, and who has read which version of
-- the local rules (ROS 6.1, 9.1: up-to-date training and CPD records; ROS 4.9 and Appendix 3: keep a record
-- confirming who has read the local rules). The kinds of training and their renewal periods are service
-- data (packages/service/data/staff-training.json), so the kind is free text here.

CREATE TABLE staff_training (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  kind text NOT NULL,
  completed_on date NOT NULL,
  expires_on date,
  evidence text,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  CHECK (expires_on IS NULL OR expires_on >= completed_on)
);

CREATE INDEX staff_training_user_kind ON staff_training (user_id, kind, completed_on);

CREATE TABLE cpd_entry (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  done_on date NOT NULL,
  hours numeric NOT NULL CHECK (hours > 0),
  activity text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL
);

CREATE INDEX cpd_entry_user ON cpd_entry (user_id, done_on);

CREATE TABLE local_rules_reading (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  version text NOT NULL,
  read_on date NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL
);

CREATE INDEX local_rules_reading_user ON local_rules_reading (user_id, version);
