-- 0190: retention rules (保存期間) per attribute, and the disposal record (廃棄記録).
--
-- retention_rules: how long a registrant's data is kept after their leave or end date
-- (registrants.leave_date), per attribute; the due date is computed by src-shared/retention.ts.
-- An attribute without a row (one added after this migration) follows the rule of 'other'.
-- Defaults: 7 years from 1月11日 of the year after leaving (扶養控除等申告書, 支払調書 and the
-- other tax documents); 2 years from the end date for 第3号被保険者 (国民年金・厚生年金 documents).
CREATE TABLE retention_rules (
  attribute_code TEXT PRIMARY KEY REFERENCES attributes (code),
  years          INTEGER NOT NULL CHECK (years BETWEEN 0 AND 100),
  basis          TEXT NOT NULL CHECK (basis IN ('year_after', 'end_date')),
  updated_at     TEXT NOT NULL,
  updated_by     TEXT REFERENCES users (id)
) STRICT, WITHOUT ROWID;

INSERT INTO retention_rules (attribute_code, years, basis, updated_at)
  SELECT code,
         CASE code WHEN 'category3_insured' THEN 2 ELSE 7 END,
         CASE code WHEN 'category3_insured' THEN 'end_date' ELSE 'year_after' END,
         '2026-01-01T00:00:00.000Z'
  FROM attributes;

-- One row per registrant or dependent disposed of: when, by whom, whose (employee code and
-- name, kept so the record can be shown and printed as 個人番号削除証明書), what kinds of data
-- went (items: a JSON object of counts by kind) and why. Never the number, never anything
-- else of the record. Rows of one disposal share batch_id (one certificate). Kept for good:
-- the triggers refuse changes and deletions.
CREATE TABLE disposal_records (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  batch_id        TEXT NOT NULL,
  disposed_at     TEXT NOT NULL,
  actor_id        TEXT REFERENCES users (id),
  actor_label     TEXT NOT NULL,
  subject_type    TEXT NOT NULL CHECK (subject_type IN ('registrant', 'dependent')),
  subject_id      TEXT NOT NULL,
  -- the registrant's (for a dependent: their registrant's) employee code, if any
  employee_code   TEXT,
  subject_name    TEXT NOT NULL,
  -- for a dependent: whose dependent (the registrant's name)
  registrant_name TEXT,
  scope           TEXT NOT NULL CHECK (scope IN ('numbers_and_documents', 'whole_record')),
  items           TEXT NOT NULL CHECK (json_valid(items)),
  reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500)
) STRICT;

CREATE INDEX disposal_records_by_time ON disposal_records (disposed_at, seq);
CREATE INDEX disposal_records_by_batch ON disposal_records (batch_id, seq);
CREATE INDEX disposal_records_by_subject ON disposal_records (subject_id);

CREATE TRIGGER disposal_records_no_update BEFORE UPDATE ON disposal_records
BEGIN
  SELECT RAISE(ABORT, 'disposal_records is append-only');
END;

CREATE TRIGGER disposal_records_no_delete BEFORE DELETE ON disposal_records
BEGIN
  SELECT RAISE(ABORT, 'disposal_records is append-only');
END;
