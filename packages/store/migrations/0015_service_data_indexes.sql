-- Service data (ROS 5) for any period: each table's rows found by the time that puts them in a period
-- (received, due, scanned, first signed, recorded), and a scan's further investigations by visit.

CREATE INDEX referral_received ON referral (received_at);
CREATE INDEX appointment_starts ON appointment (starts_at);
CREATE INDEX scan_visit_recorded ON scan_visit (recorded_at);
CREATE INDEX report_version_first_signed ON report_version (signed_at) WHERE version = 1;
CREATE INDEX further_investigation_recorded ON further_investigation (recorded_at);
CREATE INDEX further_investigation_visit ON further_investigation (visit_id);
