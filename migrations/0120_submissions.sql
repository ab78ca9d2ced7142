-- 0120: submissions awaiting review (the phone form's, later; HR proxy entries 代理入力 now).
-- A submission holds the registrant's number and those of dependents added or changed,
-- each sealed under the field key and bound to the submission (never plain), until it is
-- decided: approving moves them into my_numbers, and every decision wipes the sealed copies
-- (the CHECK and the trigger below hold that in the database itself).

CREATE TABLE submissions (
  id               TEXT PRIMARY KEY,
  registrant_id    TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  source           TEXT NOT NULL CHECK (source IN ('proxy', 'registrant')),
  state            TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'returned', 'declined')),
  -- decided when it was entered: does it wait for a second login user's approval?
  review_required  INTEGER NOT NULL CHECK (review_required IN (0, 1)),
  -- the login user who entered a proxy entry (never its approver); NULL for the phone form
  entered_by       TEXT REFERENCES users (id),
  entered_by_label TEXT,
  created_at       TEXT NOT NULL,
  decided_at       TEXT,
  decided_by       TEXT REFERENCES users (id),
  decided_by_label TEXT,
  reason           TEXT,
  has_number       INTEGER NOT NULL CHECK (has_number IN (0, 1)),
  number_sealed    BLOB,
  CHECK (state = 'pending' OR number_sealed IS NULL)
) STRICT;

-- At most one submission of a registrant waits for review.
CREATE UNIQUE INDEX submissions_one_pending ON submissions (registrant_id) WHERE state = 'pending';
CREATE INDEX submissions_by_state ON submissions (state, created_at);

CREATE TABLE submission_dependents (
  submission_id    TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,
  -- an existing dependent changed; NULL for one added (filled in once approved)
  dependent_id     TEXT REFERENCES dependents (id) ON DELETE SET NULL,
  relationship     TEXT NOT NULL CHECK (relationship IN ('spouse', 'child', 'father', 'mother', 'other')),
  family_name      TEXT NOT NULL,
  given_name       TEXT NOT NULL,
  family_name_kana TEXT NOT NULL,
  given_name_kana  TEXT NOT NULL,
  birth_date       TEXT,
  tax_dependent    INTEGER NOT NULL CHECK (tax_dependent IN (0, 1)),
  category3        INTEGER NOT NULL CHECK (category3 IN (0, 1)),
  has_number       INTEGER NOT NULL CHECK (has_number IN (0, 1)),
  number_sealed    BLOB,
  PRIMARY KEY (submission_id, position)
) STRICT;

CREATE TRIGGER submissions_decided_wipe_numbers AFTER UPDATE OF state ON submissions
WHEN new.state <> 'pending'
BEGIN
  UPDATE submission_dependents SET number_sealed = NULL WHERE submission_id = new.id;
END;
