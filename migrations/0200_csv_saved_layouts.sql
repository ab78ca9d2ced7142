-- 0200: what HR saves by name for CSV files. A column mapping (csv_mappings) says which field
-- each header of another system's file fills, so the same layout imports again without the
-- mapping step. An export preset (csv_presets) is a layout of its own for a payroll system or
-- an office: the columns in order under the headers it wants, the date style (西暦 or 和暦),
-- the encoding and the line ending. Both are shared by the office; who made one is kept, as a
-- manager limited to groups may change or delete only their own. Neither holds a person.

CREATE TABLE csv_mappings (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 50),
  -- {"header as written": "field" | "ignore", ...}
  columns_json TEXT NOT NULL CHECK (json_valid(columns_json) AND json_type(columns_json) = 'object'),
  created_by   TEXT REFERENCES users (id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE csv_presets (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 50),
  -- [{"field": "...", "header": "..."}, ...] in the order written
  columns_json TEXT NOT NULL CHECK (json_valid(columns_json) AND json_type(columns_json) = 'array'),
  date_style   TEXT NOT NULL CHECK (date_style IN ('western', 'wareki')),
  encoding     TEXT NOT NULL CHECK (encoding IN ('cp932', 'utf8bom', 'utf8')),
  line_ending  TEXT NOT NULL CHECK (line_ending IN ('crlf', 'lf')),
  created_by   TEXT REFERENCES users (id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
