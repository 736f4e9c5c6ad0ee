-- Equipment inventory and the maintenance and fault log (ROS 5.2, Appendix 3): each scanner's serial
-- number and installation date (its useful life is about 10 years), and every fault, maintenance visit or
-- upgrade with the handover of the scanner to the service engineer and its return to clinical use.

ALTER TABLE scanner ADD COLUMN serial_number text;
ALTER TABLE scanner ADD COLUMN installed_on date;

CREATE TABLE maintenance_event (
  id uuid PRIMARY KEY,
  scanner_id text NOT NULL REFERENCES scanner (id),
  kind text NOT NULL CHECK (kind IN ('fault', 'planned_maintenance', 'software_upgrade', 'other')),
  reported_at timestamptz NOT NULL,
  reported_by uuid NOT NULL REFERENCES app_user (id),
  description text NOT NULL,
  handed_over_at timestamptz,
  handed_over_by uuid REFERENCES app_user (id),
  engineer text,
  returned_at timestamptz,
  returned_by uuid REFERENCES app_user (id),
  engineer_report text,
  checks_on_return text,
  CHECK (returned_at IS NULL OR handed_over_at IS NOT NULL)
);

CREATE INDEX maintenance_event_scanner ON maintenance_event (scanner_id, reported_at);
