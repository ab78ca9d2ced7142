-- 0030: when the audit chain's head was first mirrored outside the database (into the key
-- store). From then on a missing outside head is itself a finding: deleting it, then putting
-- an older database back, must not pass as "nothing mirrored yet".

ALTER TABLE audit_head ADD COLUMN mirrored_at TEXT;
