-- Weighing scales, stadiometers and hoists need regular calibration checks too (ROS 5.2): each item, how
-- often it is checked, and every check with its result.

CREATE TABLE ancillary_equipment (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('weighing_scales', 'stadiometer', 'hoist')),
  label text NOT NULL UNIQUE,
  location text NOT NULL,
  check_interval_days integer NOT NULL CHECK (check_interval_days > 0),
  added_at timestamptz NOT NULL,
  added_by uuid NOT NULL REFERENCES app_user (id)
);

CREATE TABLE calibration_check (
  id uuid PRIMARY KEY,
  equipment_id uuid NOT NULL REFERENCES ancillary_equipment (id),
  checked_on date NOT NULL,
  checked_by uuid NOT NULL REFERENCES app_user (id),
  passed boolean NOT NULL,
  note text
);

CREATE INDEX calibration_check_equipment ON calibration_check (equipment_id, checked_on);
