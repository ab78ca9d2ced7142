-- 0250: a stamp per kind of data the dispatcher reads on every call (the caller's user with its
-- groups; the settings), changed by triggers on every write to it, whichever connection makes
-- it (the app, `mnv`) and however (cascades too). While a stamp is unchanged the core may reuse
-- what it read. Random, not a counter: a counter comes back to the same value after a write is
-- rolled back, and a cache keyed by it would then serve the rolled-back data.
CREATE TABLE change_stamps (
  name  TEXT PRIMARY KEY,
  stamp TEXT NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO change_stamps (name, stamp) VALUES ('staff', hex(randomblob(8))), ('settings', hex(randomblob(8)));

CREATE TRIGGER users_stamp_insert AFTER INSERT ON users BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'staff';
END;
CREATE TRIGGER users_stamp_update AFTER UPDATE ON users BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'staff';
END;
CREATE TRIGGER users_stamp_delete AFTER DELETE ON users BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'staff';
END;
CREATE TRIGGER user_groups_stamp_insert AFTER INSERT ON user_groups BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'staff';
END;
CREATE TRIGGER user_groups_stamp_update AFTER UPDATE ON user_groups BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'staff';
END;
CREATE TRIGGER user_groups_stamp_delete AFTER DELETE ON user_groups BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'staff';
END;
CREATE TRIGGER settings_stamp_insert AFTER INSERT ON settings BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'settings';
END;
CREATE TRIGGER settings_stamp_update AFTER UPDATE ON settings BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'settings';
END;
CREATE TRIGGER settings_stamp_delete AFTER DELETE ON settings BEGIN
  UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'settings';
END;
