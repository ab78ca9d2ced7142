-- 0040: the registrant record grows (phone, postal code, address, hire date, leave date 退職日,
-- group, notes); groups (店舗・支店) and the groups a login user is limited to; attributes as a
-- table (the built-in codes, and those an admin adds). registrants is rebuilt around an
-- integer key (seq) that VACUUM never renumbers, so the search index (0050) can point at rows,
-- with the indexes its filters and sorts use, and with has_my_number kept by triggers on
-- my_numbers (so the list filters and the dashboard counts by it without a join).

CREATE TABLE groups (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX groups_in_order ON groups (sort_order, name);

-- The groups a login user is limited to. None: every group (and an admin sees every group
-- whatever is written here). A group cannot be deleted while a user is limited to it, unless
-- the users move with its registrants (groups.delete with moveTo).
CREATE TABLE user_groups (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  group_id TEXT NOT NULL REFERENCES groups (id),
  PRIMARY KEY (user_id, group_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX user_groups_by_group ON user_groups (group_id, user_id);

-- Attributes (属性): the built-in codes, and those an admin adds (code x_…). A retired one is
-- no longer given to anyone, but stays on the rows that have it.
CREATE TABLE attributes (
  code       TEXT PRIMARY KEY,
  label      TEXT NOT NULL UNIQUE,
  builtin    INTEGER NOT NULL CHECK (builtin IN (0, 1)),
  retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  sort_order INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

INSERT INTO attributes (code, label, builtin, sort_order, created_at, updated_at) VALUES
  ('employee',          '従業員',         1, 10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('real_estate_owner', '不動産オーナー', 1, 20, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('professional',      '士業',           1, 30, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('shareholder',       '株主',           1, 40, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('category3_insured', '第3号被保険者',  1, 50, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('other',             'その他',         1, 60, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- The rebuilt registrants. The rows keep their order (seq follows the old rowid).
CREATE TABLE registrants_0040 (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  employee_code    TEXT UNIQUE,
  family_name      TEXT NOT NULL,
  given_name       TEXT NOT NULL,
  -- full-width katakana; the list sorts by these (gojūon order)
  family_name_kana TEXT NOT NULL,
  given_name_kana  TEXT NOT NULL,
  email            TEXT,
  birth_date       TEXT,
  phone            TEXT,
  postal_code      TEXT,
  address          TEXT,
  hire_date        TEXT,
  leave_date       TEXT,
  group_id         TEXT REFERENCES groups (id),
  notes            TEXT,
  status           TEXT NOT NULL DEFAULT 'unregistered'
                   CHECK (status IN ('unregistered', 'pending', 'returned', 'declined', 'completed')),
  -- the statuses in their order (未登録 … 完了), for sorting by index
  status_rank      INTEGER GENERATED ALWAYS AS (
                     CASE status WHEN 'unregistered' THEN 0 WHEN 'pending' THEN 1 WHEN 'returned' THEN 2
                                 WHEN 'declined' THEN 3 WHEN 'completed' THEN 4 END) VIRTUAL,
  -- whether my_numbers holds this registrant's number: written only by the triggers below
  has_my_number    INTEGER NOT NULL DEFAULT 0 CHECK (has_my_number IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

INSERT INTO registrants_0040 (id, employee_code, family_name, given_name, family_name_kana, given_name_kana, email,
                              birth_date, status, has_my_number, created_at, updated_at)
  SELECT id, employee_code, family_name, given_name, family_name_kana, given_name_kana, email, birth_date, status,
         EXISTS (SELECT 1 FROM my_numbers m WHERE m.subject_type = 'registrant' AND m.subject_id = registrants.id),
         created_at, updated_at
  FROM registrants ORDER BY rowid;

-- The attributes wait in a temporary table (memory only) while the tables are swapped: the
-- old registrants is dropped before anything refers to it, so no cascade can touch a row.
CREATE TEMP TABLE registrant_attributes_0040 AS SELECT registrant_id, code FROM registrant_attributes;
-- A code no migration knows (none is expected) is kept, as a retired attribute of its own.
INSERT OR IGNORE INTO attributes (code, label, builtin, retired, sort_order, created_at, updated_at)
  SELECT DISTINCT code, code, 0, 1, 1000, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM temp.registrant_attributes_0040;
DROP TABLE registrant_attributes;
DROP TABLE registrants;
ALTER TABLE registrants_0040 RENAME TO registrants;

CREATE TABLE registrant_attributes (
  registrant_id TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  code          TEXT NOT NULL REFERENCES attributes (code),
  PRIMARY KEY (registrant_id, code)
) STRICT, WITHOUT ROWID;

INSERT INTO registrant_attributes (registrant_id, code) SELECT registrant_id, code FROM temp.registrant_attributes_0040;
DROP TABLE temp.registrant_attributes_0040;

CREATE INDEX registrant_attributes_by_code ON registrant_attributes (code, registrant_id);

-- Filters and sorts of the list (registrants repository). Each index ends, implicitly, with
-- seq: the tie-breaker of every order. A value some rows lack (employee code, dates) sorts
-- last in either direction: coalesce(x, '~') ascending, coalesce(x, '') descending.
CREATE INDEX registrants_by_kana ON registrants (family_name_kana, given_name_kana);
CREATE INDEX registrants_by_status ON registrants (status, family_name_kana, given_name_kana);
CREATE INDEX registrants_by_group ON registrants (group_id, family_name_kana, given_name_kana);
-- Covers a group's page by status in reading order (seq named, so has_my_number after it does
-- not disturb the order) and the dashboard's counts by group, status and number held.
CREATE INDEX registrants_by_group_status ON registrants (group_id, status, family_name_kana, given_name_kana, seq, has_my_number);
CREATE INDEX registrants_in_status_order ON registrants (status_rank, family_name_kana, given_name_kana);
CREATE INDEX registrants_in_status_order_desc ON registrants (status_rank DESC, family_name_kana, given_name_kana);
CREATE INDEX registrants_by_code_asc ON registrants (coalesce(employee_code, '~'));
CREATE INDEX registrants_by_code_desc ON registrants (coalesce(employee_code, ''));
CREATE INDEX registrants_by_hire_asc ON registrants (coalesce(hire_date, '~'));
CREATE INDEX registrants_by_hire_desc ON registrants (coalesce(hire_date, ''));
CREATE INDEX registrants_by_leave_asc ON registrants (coalesce(leave_date, '~'));
CREATE INDEX registrants_by_leave_desc ON registrants (coalesce(leave_date, ''));
CREATE INDEX registrants_by_updated ON registrants (updated_at);

-- has_my_number follows my_numbers, in the same transaction as the number's row (an upsert
-- that replaces a number updates the row in place: it stays held).
CREATE TRIGGER my_numbers_registrant_held AFTER INSERT ON my_numbers
WHEN new.subject_type = 'registrant'
BEGIN
  UPDATE registrants SET has_my_number = 1 WHERE id = new.subject_id;
END;

CREATE TRIGGER my_numbers_registrant_dropped AFTER DELETE ON my_numbers
WHEN old.subject_type = 'registrant'
BEGIN
  UPDATE registrants SET has_my_number = 0 WHERE id = old.subject_id;
END;
