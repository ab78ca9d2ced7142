-- 0020: registrants (the people whose numbers are kept), their attributes, the purposes of
-- use (利用目的), and My Numbers sealed under the field key with an HMAC blind index.

CREATE TABLE registrants (
  id               TEXT PRIMARY KEY,
  employee_code    TEXT UNIQUE,
  family_name      TEXT NOT NULL,
  given_name       TEXT NOT NULL,
  -- full-width katakana; the list sorts by these (gojūon order)
  family_name_kana TEXT NOT NULL,
  given_name_kana  TEXT NOT NULL,
  email            TEXT,
  birth_date       TEXT,
  status           TEXT NOT NULL DEFAULT 'unregistered'
                   CHECK (status IN ('unregistered', 'pending', 'returned', 'declined', 'completed')),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

CREATE INDEX registrants_by_kana ON registrants (family_name_kana, given_name_kana);
CREATE INDEX registrants_by_status ON registrants (status);

CREATE TABLE registrant_attributes (
  registrant_id TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  code          TEXT NOT NULL,
  PRIMARY KEY (registrant_id, code)
) STRICT, WITHOUT ROWID;

CREATE INDEX registrant_attributes_by_code ON registrant_attributes (code, registrant_id);

-- One number per subject (a registrant now; dependents later). `sealed` is AES-256-GCM under
-- the field key with the subject bound as associated data, so a sealed value moved to another
-- row fails to open. `blind_index` is an HMAC under the index key: it finds the same number
-- held twice without storing or comparing the number itself.
CREATE TABLE my_numbers (
  subject_type TEXT NOT NULL CHECK (subject_type IN ('registrant', 'dependent')),
  subject_id   TEXT NOT NULL,
  sealed       BLOB NOT NULL,
  blind_index  TEXT NOT NULL UNIQUE,
  set_at       TEXT NOT NULL,
  set_by       TEXT REFERENCES users (id),
  PRIMARY KEY (subject_type, subject_id)
) STRICT;

-- The purposes of use a number may be looked at for (番号法 9条 個人番号関係事務).
CREATE TABLE purposes (
  id         TEXT PRIMARY KEY,
  label      TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;

INSERT INTO purposes (id, label, sort_order) VALUES
  ('withholding_slip',      '給与所得・退職所得の源泉徴収票作成事務', 10),
  ('dependent_declaration', '扶養控除等（異動）申告書・保険料控除申告書等の作成事務', 20),
  ('social_insurance',      '健康保険・厚生年金保険の届出事務', 30),
  ('employment_insurance',  '雇用保険の届出事務', 40),
  ('category3_notification','国民年金第3号被保険者の届出事務', 50),
  ('fee_payment_record',    '報酬・料金等の支払調書作成事務', 60),
  ('real_estate_record',    '不動産の使用料等の支払調書作成事務', 70),
  ('dividend_record',       '配当・剰余金の分配等の支払調書作成事務', 80);
