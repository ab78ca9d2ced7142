// Exporting registrants as CSV for Excel and payroll software, within the caller's scope (a
// limited manager exports only their groups). The password has been re-entered (the access
// table). Numbers leave only with a purpose of use, by default inside an AES-256 encrypted zip
// whose password the user types; a plain CSV holding numbers only when asked for explicitly.
// Every export is audited with its preset, encoding and row count, and with numbers, its
// purpose, in the same transaction as the numbers are read. A character CP932 cannot hold
// stops a CP932 export with the places listed, never a silent `?`.
import { ZipWriter, Uint8ArrayReader, Uint8ArrayWriter, configure } from '@zip.js/zip.js';
import { can, CSV_EXPORT_PRESETS, CSV_PRESET_ENCODINGS, type CsvEncoding, type CsvExportPreset, type DependentRow } from '../../../../src-shared/contract';
import type { AttributeCode, RegistrantStatus } from '../../../../src-shared/domain';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { AttributesService } from '../attributes';
import type { DependentsService } from '../dependents';
import type { GroupsService } from '../groups';
import type { MyNumbersService } from '../mynumbers';
import type { RegistrantsService } from '../registrants';
import { encodeTable } from './encode';
import { buildSavedTable, buildTable, presetHoldsNumbers, type ExportLookups } from './presets';
import type { PresetRecord } from './saved-repository';

// In the core's own process: no web workers (zip.js would look for them otherwise).
configure({ useWebWorkers: false });

export const ZIP_PASSWORD_MIN_LENGTH = 8;
/** Places listed in the message when CP932 cannot hold some characters. */
const LISTED_PLACES = 5;

export interface CsvExportDeps {
  registrants: RegistrantsService;
  dependents: DependentsService;
  groups: GroupsService;
  attributes: AttributesService;
  myNumbers: MyNumbersService;
  /** A saved preset by id (csv_presets), for `preset` naming one. */
  savedPreset(id: string): PresetRecord | null;
}

export interface ExportRequest {
  filter?: { status?: RegistrantStatus | undefined; groupId?: string | null | undefined; attribute?: AttributeCode | undefined } | undefined;
  /** A built-in layout or a saved preset's id. */
  preset: CsvExportPreset | string;
  /** Absent: the saved preset's, else the built-in layout's own (CSV_PRESET_ENCODINGS), else CP932. */
  encoding?: CsvEncoding | undefined;
  includeMyNumber?: boolean | undefined;
  purposeId?: string | undefined;
  zipPassword?: string | undefined;
  plainCsv?: boolean | undefined;
}

/** YYYYMMDD in Japan, for the file's name. */
function japanDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).replaceAll('-', '');
}

async function zipOne(fileName: string, bytes: Buffer, password: string): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3 });
  await writer.add(fileName, new Uint8ArrayReader(bytes));
  return Buffer.from(await writer.close());
}

const isBuiltin = (preset: string): preset is CsvExportPreset => (CSV_EXPORT_PRESETS as readonly string[]).includes(preset);

/** A saved preset's file is named after it, as far as a file name may hold it. */
const fileNameOf = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 50) || 'preset';

export function createCsvExportService({ registrants, dependents, groups, attributes, myNumbers, savedPreset }: CsvExportDeps) {
  return {
    async export(ctx: CallContext, input: ExportRequest) {
      const user = staffOf(ctx);
      const saved = isBuiltin(input.preset) ? null : savedPreset(input.preset);
      if (!isBuiltin(input.preset) && !saved) throw new AppError('NOT_FOUND', 'errors.csv.layoutNotFound');
      const encoding = input.encoding ?? (saved ? saved.encoding : CSV_PRESET_ENCODINGS[input.preset as CsvExportPreset]) ?? 'cp932';
      // The audit names a saved preset as `saved`, with its id: never its (free text) name.
      const presetDetail = saved ? { preset: 'saved', presetId: saved.id } : { preset: input.preset };
      const withNumbers = input.includeMyNumber === true && (saved !== null || presetHoldsNumbers(input.preset as CsvExportPreset));
      const refusal = (reason: 'no_zip_password' | 'unencodable' | 'role', extra: Record<string, number> = {}) => ({
        audit: { action: 'csv.export' as const, outcome: reason === 'role' ? ('denied' as const) : ('failure' as const), detail: { reason, ...presetDetail, ...extra } },
      });
      if (withNumbers && !can(user.role, 'mynumber.reveal')) throw new AppError('FORBIDDEN', 'errors.forbidden', refusal('role'));
      const zipped = withNumbers && input.plainCsv !== true;
      if (zipped && (input.zipPassword ?? '').length < ZIP_PASSWORD_MIN_LENGTH) throw new AppError('VALIDATION', 'errors.csv.zipPasswordRequired', refusal('no_zip_password'));

      const filtered = Object.values(input.filter ?? {}).some((f) => f !== undefined);
      const { table, csv } = ctx.tx(() => {
        const reader = withNumbers ? myNumbers.openForExport(input.purposeId, 'csv.export') : null;
        const rows = registrants.all(ctx, input.filter);
        const groupNames = new Map(groups.list(ctx).rows.map((g) => [g.id, g.name]));
        const labels = new Map(attributes.list().rows.map((a) => [a.code, a.label]));
        const dependentsCache = new Map<string, DependentRow[]>();
        const lookups: ExportLookups = {
          groupName: (id) => (id ? (groupNames.get(id) ?? '') : ''),
          attributeLabel: (code) => labels.get(code as AttributeCode) ?? code,
          dependentsOf: (id) => {
            let list = dependentsCache.get(id);
            if (!list) dependentsCache.set(id, (list = dependents.listOf(id)));
            return list;
          },
          ...(reader ? { numberOf: (subject) => reader.open(subject) ?? '' } : {}),
        };
        const table = saved ? buildSavedTable(saved, rows, lookups) : buildTable(input.preset as CsvExportPreset, rows, lookups);
        const csv = encodeTable(table.header, table.rows, encoding, saved?.lineEnding);
        if (!csv.ok) return { table, csv };
        ctx.audit({
          action: 'csv.export',
          detail: {
            ...presetDetail,
            encoding,
            rows: table.rows.length,
            registrants: rows.length,
            filtered,
            withNumbers,
            zipped,
            ...(reader ? { purposeId: reader.purpose.id, purpose: reader.purpose.label } : {}),
          },
        });
        return { table, csv };
      });
      if (!csv.ok) {
        const places = csv.unencodable
          .slice(0, LISTED_PLACES)
          .map((u) => `${u.row}行目「${u.column}」の「${u.characters}」`)
          .join('、');
        throw new AppError('VALIDATION', 'errors.csv.unencodable', { params: { count: csv.unencodable.length, places }, ...refusal('unencodable', { places: csv.unencodable.length }) });
      }
      const base = `${saved ? fileNameOf(saved.name) : input.preset}_${japanDay(ctx.now)}`;
      if (!zipped) return { fileName: `${base}.csv`, contentBase64: csv.bytes.toString('base64'), rowCount: table.rows.length, zipped: false };
      const zip = await zipOne(`${base}.csv`, csv.bytes, input.zipPassword!);
      return { fileName: `${base}.zip`, contentBase64: zip.toString('base64'), rowCount: table.rows.length, zipped: true };
    },
  };
}

export type CsvExportService = ReturnType<typeof createCsvExportService>;
