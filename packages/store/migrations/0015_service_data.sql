-- Service data (ROS 5) for any period: each table's rows found by the time that puts them in a period
-- (received, due, scanned, first signed, recorded), and amendments by when they were signed.

-- Each carries the columns the counts read, so a period's rows are counted from the index alone.
CREATE INDEX referral_received ON referral (received_at) INCLUDE (id, source, referrer_id, indications);
CREATE INDEX appointment_starts ON appointment (starts_at) INCLUDE (state, close_reason);
CREATE INDEX scan_visit_recorded ON scan_visit (recorded_at) INCLUDE (id, referral_id, outcome);
CREATE INDEX report_version_first_signed ON report_version (signed_at) INCLUDE (report_id, result_id)
  WHERE version = 1;
CREATE INDEX report_version_amended ON report_version (signed_at) INCLUDE (report_id, version, result_id)
  WHERE version > 1 AND signed_at IS NOT NULL;
CREATE INDEX further_investigation_recorded ON further_investigation (recorded_at) INCLUDE (kind, status, visit_id);

-- Each result's WHO category (ROS 1.2; null when classified by Z-score or not at all) and whether a
-- fragility or vertebral fracture was recorded with it (established osteoporosis), kept beside the
-- assessment so a year's counts need not unpack every assessment document. Written with each result
-- (results-repository.ts, the same expressions) and filled in here for the results already kept.
ALTER TABLE dxa_result ADD COLUMN who_category text
  CHECK (who_category IN ('normal', 'low_bone_density', 'osteoporosis'));
ALTER TABLE dxa_result ADD COLUMN fragility_fracture boolean NOT NULL DEFAULT false;
CREATE INDEX dxa_result_category ON dxa_result (id) INCLUDE (exam_date, who_category, fragility_fracture);
UPDATE dxa_result SET
  who_category = CASE WHEN assessment #>> '{classification,scheme}' = 'who'
    THEN assessment #>> '{classification,category}' END,
  fragility_fracture = coalesce(exam_input #>> '{clinical,priorFragilityFracture}' = 'true', false)
    OR coalesce((exam_input #>> '{clinical,vertebralFractures}')::int > 0, false);
