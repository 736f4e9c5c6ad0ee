-- A referral may arrive by fax as well as on paper by post, by email or electronically (ROS 4.3: staff
-- register the referrals that arrive other than from a referrer's own log-on, and record how each came).

ALTER TABLE referral DROP CONSTRAINT referral_method_check;
ALTER TABLE referral ADD CONSTRAINT referral_method_check
  CHECK (method IN ('electronic', 'email', 'post', 'fax', 'choose_and_book', 'order_comms'));
