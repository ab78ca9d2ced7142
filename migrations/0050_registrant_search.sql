-- 0050: the registrant search index, inside the encrypted file like everything else.
--
-- search_doc holds what the list's free text is matched against: names, readings, employee
-- code and e-mail, each normalized (NFKC, katakana, lower case) by the registrants repository,
-- which writes it in the same statement as the fields it is made of. From it:
--   registrant_fts    FTS5 trigram index over search_doc (words of 3 characters or more),
--                     kept by the triggers below in the same transaction as the row;
--   registrant_grams  the 1- and 2-character pieces of each field as tokens (words of 1 or
--                     2 characters), written by the repository with the row, removed with it.
-- registrant_search_state.version says which normalization the docs were written with: the
-- core rewrites every doc (in one transaction, when it opens) when it differs from its own,
-- as it does once after this migration for the rows that existed before it.

ALTER TABLE registrants ADD COLUMN search_doc TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE registrant_fts USING fts5 (
  search_doc,
  content = 'registrants',
  content_rowid = 'seq',
  tokenize = 'trigram case_sensitive 1'
);

CREATE VIRTUAL TABLE registrant_grams USING fts5 (
  grams,
  content = '',
  contentless_delete = 1,
  detail = 'none',
  tokenize = 'ascii'
);

CREATE TRIGGER registrants_search_insert AFTER INSERT ON registrants
BEGIN
  INSERT INTO registrant_fts (rowid, search_doc) VALUES (new.seq, new.search_doc);
END;

CREATE TRIGGER registrants_search_update AFTER UPDATE OF search_doc ON registrants
WHEN old.search_doc IS NOT new.search_doc
BEGIN
  INSERT INTO registrant_fts (registrant_fts, rowid, search_doc) VALUES ('delete', old.seq, old.search_doc);
  INSERT INTO registrant_fts (rowid, search_doc) VALUES (new.seq, new.search_doc);
END;

CREATE TRIGGER registrants_search_delete AFTER DELETE ON registrants
BEGIN
  INSERT INTO registrant_fts (registrant_fts, rowid, search_doc) VALUES ('delete', old.seq, old.search_doc);
  DELETE FROM registrant_grams WHERE rowid = old.seq;
END;

CREATE TABLE registrant_search_state (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;

INSERT INTO registrant_search_state (id, version) VALUES (1, 0);

-- Rows that existed before: indexed (with an empty doc) so the triggers stay in step; the
-- core fills their docs when it opens.
INSERT INTO registrant_fts (rowid, search_doc) SELECT seq, search_doc FROM registrants;
