-- 0170: submissions from the phone form. A registrant's submission names the combination of
-- identity documents it brings (document_set), and each dependent it adds carries the form's
-- own id for them (temp_id), which its documents name as their subject until it exists. The
-- cross-check (cross_check) is the only thing kept of the number read from the ID photos:
-- whether it matched what was typed, never the digits read.

ALTER TABLE submissions ADD COLUMN document_set TEXT
  CHECK (document_set IN ('card', 'notice_card_and_id', 'resident_record_and_id'));
ALTER TABLE submissions ADD COLUMN cross_check TEXT
  CHECK (cross_check IN ('match', 'mismatch', 'unreadable'));

ALTER TABLE submission_dependents ADD COLUMN temp_id TEXT CHECK (length(temp_id) BETWEEN 1 AND 64);
ALTER TABLE submission_dependents ADD COLUMN document_set TEXT
  CHECK (document_set IN ('card', 'notice_card_and_id', 'resident_record_and_id'));
ALTER TABLE submission_dependents ADD COLUMN cross_check TEXT
  CHECK (cross_check IN ('match', 'mismatch', 'unreadable'));

-- A document HR attached from the desktop app names who did (NULL: the phone form's). The
-- form's uploads that no submission took are removed; HR's never are.
ALTER TABLE documents ADD COLUMN attached_by TEXT REFERENCES users (id);
