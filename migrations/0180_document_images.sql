-- 0180: the sealed image and thumbnail of each document move to a table of their own. Giving a
-- document to a submission, or listing a registrant's documents, then touches only the small
-- row: SQLite rewrites a whole record on UPDATE, and a record holding a 1–3 MB image spans
-- hundreds of (encrypted) overflow pages. The thumbnail comes first in the record, so reading
-- it never walks the image's overflow chain. A document's images go with it (ON DELETE CASCADE).

CREATE TABLE document_images (
  document_id      TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  sealed_thumbnail BLOB NOT NULL,
  sealed_image     BLOB NOT NULL
) STRICT;

INSERT INTO document_images (document_id, sealed_thumbnail, sealed_image)
  SELECT id, sealed_thumbnail, sealed_image FROM documents;

ALTER TABLE documents DROP COLUMN sealed_image;
ALTER TABLE documents DROP COLUMN sealed_thumbnail;
