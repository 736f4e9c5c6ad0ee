-- Report copies to the patient's GP, and how a patient finds the scanner.
-- ROS 4.6: "Reports should only be sent to a GP where this is requested or where the service is
-- commissioned to do so": the patient's registered GP (as the referral gives it), the referrer's request
-- for a copy, and whether the service is commissioned to copy every report.
ALTER TABLE patient ADD COLUMN registered_gp text;
ALTER TABLE referral ADD COLUMN copy_report_to_gp boolean NOT NULL DEFAULT false;
ALTER TABLE service_details ADD COLUMN gp_copy_commissioned boolean NOT NULL DEFAULT false;

-- ROS 4.4: the appointment letter says where to go and what access the room has.
ALTER TABLE scanner ADD COLUMN directions text;
ALTER TABLE scanner ADD COLUMN accessibility text;
