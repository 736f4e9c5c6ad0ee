-- Service data (ROS 5) for any period: each table's rows found by the time that puts them in a period
-- (received, due, scanned, first signed, recorded), and a scan's further investigations by visit.

CREATE INDEX referral_received ON referral (received_at);
CREATE INDEX appointment_starts ON appointment (starts_at);
CREATE INDEX scan_visit_recorded ON scan_visit (recorded_at);
CREATE INDEX report_version_first_signed ON report_version (signed_at) WHERE version = 1;
CREATE INDEX further_investigation_recorded ON further_investigation (recorded_at);
CREATE INDEX further_investigation_visit ON further_investigation (visit_id);

-- Each result's WHO category (ROS 1.2; null when classified by Z-score or not at all) and whether a
-- fragility or vertebral fracture was recorded with it (established osteoporosis), kept beside the
-- assessment so a year's counts need not unpack every assessment document. Written with each result
-- (results-repository.ts, the same expressions) and filled in here for the results already kept.
ALTER TABLE dxa_result ADD COLUMN who_category text
  CHECK (who_category IN ('normal', 'low_bone_density', 'osteoporosis'));
ALTER TABLE dxa_result ADD COLUMN fragility_fracture boolean NOT NULL DEFAULT false;
UPDATE dxa_result SET
  who_category = CASE WHEN assessment #>> '{classification,scheme}' = 'who'
    THEN assessment #>> '{classification,category}' END,
  fragility_fracture = coalesce(exam_input #>> '{clinical,priorFragilityFracture}' = 'true', false)
    OR coalesce((exam_input #>> '{clinical,vertebralFractures}')::int > 0, false);
