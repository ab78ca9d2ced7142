-- 0100: dependents (扶養親族) of a registrant, as many as there are. Their own My Numbers go
-- into my_numbers with subject_type 'dependent' (sealed, bound to the dependent's row; the
-- blind index there is unique across registrants and dependents alike).

CREATE TABLE dependents (
  id               TEXT PRIMARY KEY,
  registrant_id    TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  relationship     TEXT NOT NULL CHECK (relationship IN ('spouse', 'child', 'father', 'mother', 'other')),
  family_name      TEXT NOT NULL,
  given_name       TEXT NOT NULL,
  -- full-width katakana, like the registrants'
  family_name_kana TEXT NOT NULL,
  given_name_kana  TEXT NOT NULL,
  birth_date       TEXT,
  -- 税扶養 (a dependent for income tax) and 第3号被保険者 (a spouse covered by the pension)
  tax_dependent    INTEGER NOT NULL DEFAULT 0 CHECK (tax_dependent IN (0, 1)),
  category3        INTEGER NOT NULL DEFAULT 0 CHECK (category3 IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

CREATE INDEX dependents_by_registrant ON dependents (registrant_id);

-- A dependent's number goes with the dependent: no sealed number outlives its row.
CREATE TRIGGER dependents_drop_number AFTER DELETE ON dependents
BEGIN
  DELETE FROM my_numbers WHERE subject_type = 'dependent' AND subject_id = old.id;
END;
