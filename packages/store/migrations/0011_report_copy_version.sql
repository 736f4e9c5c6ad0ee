-- Which version of a report a report letter carried, so a copy is matched to its version and recipient,
-- not to its wording (which a later template may change) (ROS 4.6).
ALTER TABLE correspondence ADD COLUMN report_version integer;
