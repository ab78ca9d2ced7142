-- A registrant's submissions, oldest first (their trail in audit.query, the latest return
-- reason for the phone form): found through an index instead of a scan of every submission.
CREATE INDEX submissions_by_registrant ON submissions (registrant_id, created_at);
