// Reading and writing the saved column mappings and export presets (csv_mappings,
// csv_presets): the SQL of the CSV module's saved layouts.
import { randomUUID } from 'node:crypto';
import type { CsvDateStyle, CsvEncoding, CsvExportField, CsvLineEnding, CsvRegistrantField } from '../../../../src-shared/contract';
import type { Db } from '../../platform/db/open';

export type MappingColumns = Record<string, CsvRegistrantField | 'ignore'>;
export interface PresetColumn {
  field: CsvExportField;
  header: string;
}

export interface MappingRecord {
  id: string;
  name: string;
  columns: MappingColumns;
  createdBy: string | null;
  updatedAt: string;
}

export interface PresetRecord {
  id: string;
  name: string;
  columns: PresetColumn[];
  dateStyle: CsvDateStyle;
  encoding: CsvEncoding;
  lineEnding: CsvLineEnding;
  createdBy: string | null;
  updatedAt: string;
}

export interface PresetFields {
  name: string;
  columns: PresetColumn[];
  dateStyle: CsvDateStyle;
  encoding: CsvEncoding;
  lineEnding: CsvLineEnding;
}

interface MappingRow {
  id: string;
  name: string;
  columns_json: string;
  created_by: string | null;
  updated_at: string;
}
interface PresetRow extends MappingRow {
  date_style: CsvDateStyle;
  encoding: CsvEncoding;
  line_ending: CsvLineEnding;
}

const toMapping = (r: MappingRow): MappingRecord => ({ id: r.id, name: r.name, columns: JSON.parse(r.columns_json) as MappingColumns, createdBy: r.created_by, updatedAt: r.updated_at });
const toPreset = (r: PresetRow): PresetRecord => ({
  id: r.id,
  name: r.name,
  columns: JSON.parse(r.columns_json) as PresetColumn[],
  dateStyle: r.date_style,
  encoding: r.encoding,
  lineEnding: r.line_ending,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
});

export function createSavedLayoutRepository(db: Db) {
  return {
    mappings(): MappingRecord[] {
      return db.prepare<[], MappingRow>('SELECT * FROM csv_mappings ORDER BY name').all().map(toMapping);
    },
    mapping(id: string): MappingRecord | null {
      const row = db.prepare<[string], MappingRow>('SELECT * FROM csv_mappings WHERE id = ?').get(id);
      return row ? toMapping(row) : null;
    },
    mappingIdByName(name: string): string | null {
      return db.prepare<[string], { id: string }>('SELECT id FROM csv_mappings WHERE name = ?').get(name)?.id ?? null;
    },
    insertMapping(name: string, columns: MappingColumns, by: string, now: Date): string {
      const id = randomUUID();
      const at = now.toISOString();
      db.prepare('INSERT INTO csv_mappings (id, name, columns_json, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, name, JSON.stringify(columns), by, at, at);
      return id;
    },
    updateMapping(id: string, name: string, columns: MappingColumns, now: Date): void {
      db.prepare('UPDATE csv_mappings SET name = ?, columns_json = ?, updated_at = ? WHERE id = ?').run(name, JSON.stringify(columns), now.toISOString(), id);
    },
    deleteMapping(id: string): void {
      db.prepare('DELETE FROM csv_mappings WHERE id = ?').run(id);
    },

    presets(): PresetRecord[] {
      return db.prepare<[], PresetRow>('SELECT * FROM csv_presets ORDER BY name').all().map(toPreset);
    },
    preset(id: string): PresetRecord | null {
      const row = db.prepare<[string], PresetRow>('SELECT * FROM csv_presets WHERE id = ?').get(id);
      return row ? toPreset(row) : null;
    },
    presetIdByName(name: string): string | null {
      return db.prepare<[string], { id: string }>('SELECT id FROM csv_presets WHERE name = ?').get(name)?.id ?? null;
    },
    insertPreset(fields: PresetFields, by: string, now: Date): string {
      const id = randomUUID();
      const at = now.toISOString();
      db.prepare('INSERT INTO csv_presets (id, name, columns_json, date_style, encoding, line_ending, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        id,
        fields.name,
        JSON.stringify(fields.columns),
        fields.dateStyle,
        fields.encoding,
        fields.lineEnding,
        by,
        at,
        at,
      );
      return id;
    },
    updatePreset(id: string, fields: PresetFields, now: Date): void {
      db.prepare('UPDATE csv_presets SET name = ?, columns_json = ?, date_style = ?, encoding = ?, line_ending = ?, updated_at = ? WHERE id = ?').run(
        fields.name,
        JSON.stringify(fields.columns),
        fields.dateStyle,
        fields.encoding,
        fields.lineEnding,
        now.toISOString(),
        id,
      );
    },
    deletePreset(id: string): void {
      db.prepare('DELETE FROM csv_presets WHERE id = ?').run(id);
    },
  };
}

export type SavedLayoutRepository = ReturnType<typeof createSavedLayoutRepository>;
