-- 0150: ID document images (本人確認書類) sent from the phone form or attached by HR. The image
-- and its thumbnail are stored only sealed with the field key, bound to the document's id and
-- its registrant, so a sealed blob copied into another row does not open. `subject` is 'self'
-- or, before a submission exists, the temporary id the phone form gave a dependent; a document
-- joins a submission when that is submitted (until then `submission_id` is NULL).

CREATE TABLE documents (
  id               TEXT PRIMARY KEY,
  registrant_id    TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  subject          TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 64),
  kind             TEXT NOT NULL CHECK (kind IN ('card_front', 'card_back', 'notice_card', 'resident_record', 'photo_id')),
  sealed_image     BLOB NOT NULL,
  sealed_thumbnail BLOB NOT NULL,
  created_at       TEXT NOT NULL,
  submission_id    TEXT REFERENCES submissions (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX documents_by_registrant ON documents (registrant_id, created_at);
CREATE INDEX documents_by_submission ON documents (submission_id) WHERE submission_id IS NOT NULL;
