// CSV in and out (csv.*): registrants, or separately their dependents, read from a spreadsheet
// (previewed, then committed all or nothing) and lists written for Excel and payroll software. The columns a file may have
// are named here once, with the headers each is recognised by, so the core reads them and the
// UI's column mapping offers them.
import { REGISTRANT_STATUSES } from '../domain';
import { channel } from './define';
import { attributeCode, id, password } from './fields';
import { jobId } from './jobs';
import { z } from './zod';

/** The registrant fields a CSV column may fill ('myNumber': 個人番号; 'group' and 'attributes' by name). */
export const CSV_REGISTRANT_FIELDS = [
  'employeeCode',
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'birthDate',
  'email',
  'group',
  'attributes',
  'myNumber',
  'hireDate',
  'leaveDate',
  'phone',
  'postalCode',
  'address',
  'notes',
] as const;
export type CsvRegistrantField = (typeof CSV_REGISTRANT_FIELDS)[number];

/**
 * Each field's canonical header (the first) and the other headers it is recognised by.
 * Headers are compared after NFKC, lower case, and without spaces, brackets, `_` and `-`.
 */
export const CSV_REGISTRANT_HEADERS: Record<CsvRegistrantField, readonly string[]> = {
  employeeCode: ['社員番号', '従業員番号', '社員コード', '従業員コード', 'employeeCode', 'employee code', 'employee no', 'employee id'],
  familyName: ['姓', '氏', '名字', 'familyName', 'family name', 'last name', 'surname'],
  givenName: ['名', '名前', 'givenName', 'given name', 'first name'],
  familyNameKana: ['セイ', '姓（フリガナ）', '姓フリガナ', '姓カナ', 'せい', 'familyNameKana', 'family name kana', 'last name kana'],
  givenNameKana: ['メイ', '名（フリガナ）', '名フリガナ', '名カナ', 'めい', 'givenNameKana', 'given name kana', 'first name kana'],
  birthDate: ['生年月日', '誕生日', 'birthDate', 'birth date', 'date of birth', 'birthday'],
  email: ['メールアドレス', 'メール', 'Eメール', 'email', 'e-mail', 'mail'],
  group: ['グループ', '店舗', '支店', '所属', 'group', 'branch'],
  attributes: ['属性', 'attributes', 'attribute'],
  myNumber: ['個人番号', 'マイナンバー', 'myNumber', 'my number', 'individual number'],
  hireDate: ['入社日', '入社年月日', 'hireDate', 'hire date'],
  leaveDate: ['退職日', '退職年月日', 'leaveDate', 'leave date'],
  phone: ['電話番号', '電話', 'phone', 'tel', 'telephone'],
  postalCode: ['郵便番号', 'postalCode', 'postal code', 'zip', 'zip code'],
  address: ['住所', 'address'],
  notes: ['備考', 'メモ', 'notes', 'note', 'remarks'],
};

/** How a header is compared: NFKC, lower case, no spaces, brackets, `_`, `-` or `・`. */
export function csvHeaderKey(header: string): string {
  return header
    .replace(/\uFEFF/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()「」[\]_\-・]/g, '');
}

const FIELD_BY_HEADER = new Map<string, CsvRegistrantField>(
  CSV_REGISTRANT_FIELDS.flatMap((field) => CSV_REGISTRANT_HEADERS[field].map((h) => [csvHeaderKey(h), field] as const)),
);

/** The field a header is recognised as without a mapping (null: none). */
export function csvFieldOfHeader(header: string): CsvRegistrantField | null {
  return FIELD_BY_HEADER.get(csvHeaderKey(header)) ?? null;
}

/** What an imported file holds: registrants, or dependents keyed by 社員番号 plus 続柄 and name. */
export const CSV_IMPORT_KINDS = ['registrants', 'dependents'] as const;
export type CsvImportKind = (typeof CSV_IMPORT_KINDS)[number];

/** The dependent fields a CSV column may fill: the columns of the export preset 'dependents', so an exported file reads back. */
export const CSV_DEPENDENT_FIELDS = ['employeeCode', 'relationship', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'birthDate', 'taxDependent', 'category3', 'myNumber'] as const;
export type CsvDependentField = (typeof CSV_DEPENDENT_FIELDS)[number];

/** Each dependent field's canonical header (the first, as the export writes it) and the others it is recognised by. */
export const CSV_DEPENDENT_HEADERS: Record<CsvDependentField, readonly string[]> = {
  employeeCode: CSV_REGISTRANT_HEADERS.employeeCode,
  relationship: ['続柄', '続き柄', '本人との続柄', 'relationship', 'relation'],
  familyName: CSV_REGISTRANT_HEADERS.familyName,
  givenName: CSV_REGISTRANT_HEADERS.givenName,
  familyNameKana: CSV_REGISTRANT_HEADERS.familyNameKana,
  givenNameKana: CSV_REGISTRANT_HEADERS.givenNameKana,
  birthDate: CSV_REGISTRANT_HEADERS.birthDate,
  taxDependent: ['税扶養', '税扶養対象', '扶養', '源泉控除対象', 'taxDependent', 'tax dependent'],
  category3: ['第3号被保険者', '第三号被保険者', '3号', '第3号', 'category3', 'category 3', 'category3 insured'],
  myNumber: CSV_REGISTRANT_HEADERS.myNumber,
};

const DEPENDENT_FIELD_BY_HEADER = new Map<string, CsvDependentField>(
  CSV_DEPENDENT_FIELDS.flatMap((field) => CSV_DEPENDENT_HEADERS[field].map((h) => [csvHeaderKey(h), field] as const)),
);

/** The dependent field a header is recognised as without a mapping (null: none). */
export function csvDependentFieldOfHeader(header: string): CsvDependentField | null {
  return DEPENDENT_FIELD_BY_HEADER.get(csvHeaderKey(header)) ?? null;
}

/** Any field an import column may fill, of either kind of file. */
export type CsvImportField = CsvRegistrantField | CsvDependentField;
const CSV_IMPORT_FIELDS = [...new Set<CsvImportField>([...CSV_REGISTRANT_FIELDS, ...CSV_DEPENDENT_FIELDS])] as [CsvImportField, ...CsvImportField[]];

/** Where a file's problem is: its row as a spreadsheet numbers it (the header is row 1) and the column as headed. */
export const csvProblem = z.object({
  row: z.number().int(),
  /** The column's header as written in the file; null for a problem of the whole row or file. */
  column: z.string().nullable(),
  message: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type CsvProblem = z.infer<typeof csvProblem>;

/** Files of at most 64 MiB (about 300,000 rows of the canonical layout). */
export const CSV_MAX_BYTES = 64 * 1024 * 1024;
export const CSV_ENCODINGS = ['cp932', 'utf8bom', 'utf8'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
/**
 * The built-in export layouts. 'payroll' is our own generic layout; 'payroll-yayoi',
 * 'payroll-freee' and 'payroll-mf' follow 弥生給与, freee 人事労務 and マネーフォワード クラウド給与
 * as far as their published import formats go (the README says which columns are published and
 * which are our best reading).
 */
export const CSV_EXPORT_PRESETS = ['registrants', 'dependents', 'payroll', 'payroll-yayoi', 'payroll-freee', 'payroll-mf', 'status'] as const;
export type CsvExportPreset = (typeof CSV_EXPORT_PRESETS)[number];
/**
 * A built-in layout's own encoding, used when `csv.export` names none and chosen by the dialog
 * with the layout: freee's CSV imports ask for UTF-8, written with the BOM so that Excel (where
 * HR looks a file over first) reads it as UTF-8, as Excel's own 「CSV UTF-8」 does. The others
 * are CP932 (Excel and Windows payroll software).
 */
export const CSV_PRESET_ENCODINGS: Partial<Record<CsvExportPreset, CsvEncoding>> = { 'payroll-freee': 'utf8bom' };

/** The columns a saved export preset may hold, in any order under headers of its own (numbers come last, as in the built-in ones). */
export const CSV_EXPORT_FIELDS = [
  'employeeCode',
  'familyName',
  'givenName',
  'fullName',
  'familyNameKana',
  'givenNameKana',
  'fullNameKana',
  'birthDate',
  'email',
  'group',
  'attributes',
  'status',
  'hasMyNumber',
  'hireDate',
  'leaveDate',
  'phone',
  'postalCode',
  'address',
  'notes',
] as const;
export type CsvExportField = (typeof CSV_EXPORT_FIELDS)[number];
/** Dates written as 1985-04-01 (西暦) or 昭和60年4月1日 (和暦). */
export const CSV_DATE_STYLES = ['western', 'wareki'] as const;
export type CsvDateStyle = (typeof CSV_DATE_STYLES)[number];
export const CSV_LINE_ENDINGS = ['crlf', 'lf'] as const;
export type CsvLineEnding = (typeof CSV_LINE_ENDINGS)[number];

const layoutName = z.string().trim().min(1).max(50);
const csvHeader = z.string().trim().min(1).max(100);
const importColumns = z.record(z.string().max(100), z.union([z.enum(CSV_REGISTRANT_FIELDS), z.literal('ignore')]));
/** A preview's own mapping: the fields of the file's kind (checked against the kind below). */
const previewColumns = z.record(z.string().max(100), z.union([z.enum(CSV_IMPORT_FIELDS), z.literal('ignore')]));
const registrantFieldSet: ReadonlySet<string> = new Set(CSV_REGISTRANT_FIELDS);
const dependentFieldSet: ReadonlySet<string> = new Set(CSV_DEPENDENT_FIELDS);

/** A column mapping saved by name, to read another system's layout again. */
export const csvSavedMapping = z.object({
  id,
  name: z.string(),
  columns: importColumns,
  updatedAt: z.string(),
  /** Whether the caller may change or delete it (a manager limited to groups: only their own). */
  editable: z.boolean(),
});
export type CsvSavedMapping = z.infer<typeof csvSavedMapping>;

const presetColumns = z
  .array(z.object({ field: z.enum(CSV_EXPORT_FIELDS), header: csvHeader }))
  .min(1)
  .max(CSV_EXPORT_FIELDS.length);

/** An export layout saved by name: columns in order under their headers, date style, encoding, line ending. */
export const csvSavedPreset = z.object({
  id,
  name: z.string(),
  columns: z.array(z.object({ field: z.enum(CSV_EXPORT_FIELDS), header: z.string() })),
  dateStyle: z.enum(CSV_DATE_STYLES),
  encoding: z.enum(CSV_ENCODINGS),
  lineEnding: z.enum(CSV_LINE_ENDINGS),
  updatedAt: z.string(),
  editable: z.boolean(),
});
export type CsvSavedPreset = z.infer<typeof csvSavedPreset>;

const importCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows whose number is stored (or, when a second approval is required, sent for review). */
  numbers: z.number().int(),
});

export const csvChannels = {
  'csv.importPreview': channel({
    input: z
      .object({
        fileName: z.string().max(255),
        contentBase64: z
          .string()
          .max(Math.ceil(CSV_MAX_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
        /**
         * Groups named in the file that do not exist yet, which the user has confirmed creating
         * (admins only); any other unknown group is a problem of its rows.
         */
        createGroups: z.array(z.string().trim().min(1).max(50)).max(200).optional(),
        /** For a layout of its own: a header as written in the file → the field it fills, or 'ignore'. */
        columns: previewColumns.optional(),
        /** What the file holds; absent: registrants. The commit does what its preview read. */
        kind: z.enum(CSV_IMPORT_KINDS).optional(),
      })
      .superRefine((input, ctx) => {
        // A column mapped to a field the kind of file has not (a dependents' 続柄 in a registrants file, say).
        const allowed = input.kind === 'dependents' ? dependentFieldSet : registrantFieldSet;
        for (const [header, field] of Object.entries(input.columns ?? {})) {
          if (field !== 'ignore' && !allowed.has(field)) ctx.addIssue({ code: 'custom', path: ['columns', header], message: 'not a field of this kind of file' });
        }
      }),
    output: z.object({
      previewId: z.string(),
      rowCount: z.number().int(),
      encoding: z.enum(CSV_ENCODINGS),
      /** Every problem, by row and column, in the order of the file (the first 1,000; errorCount has them all). */
      errors: z.array(csvProblem),
      errorCount: z.number().int(),
      /** Groups named in the file that do not exist (or are not the caller's): to confirm creating them (createGroups). */
      unknownGroups: z.array(z.string()),
      /** What committing would do (when there is no error). */
      summary: importCounts,
      /** Whether numbers in the file wait for a second user's approval (the proxy-entry setting) rather than being stored. */
      reviewRequired: z.boolean(),
    }),
  }),
  'csv.importCommit': channel({
    input: z.object({
      previewId: id,
      /** The caller's name for the commit as a job: its progress is sent to the caller's session, and jobs.cancel stops it. */
      jobId: jobId.optional(),
    }),
    output: importCounts.extend({ groupsCreated: z.number().int(), reviewRequired: z.boolean() }),
  }),
  'csv.export': channel({
    input: z.object({
      filter: z
        .object({
          status: z.enum(REGISTRANT_STATUSES).optional(),
          groupId: id.nullable().optional(),
          attribute: attributeCode.optional(),
        })
        .optional(),
      /** A built-in layout, or the id of a saved preset (csv.listPresets). */
      preset: z.union([z.enum(CSV_EXPORT_PRESETS), id]),
      /** Absent: the saved preset's encoding, else the built-in layout's (CSV_PRESET_ENCODINGS), else CP932. */
      encoding: z.enum(CSV_ENCODINGS).optional(),
      includeMyNumber: z.boolean().optional(),
      purposeId: id.optional(),
      /** The zip's password, typed by the user (at least 8 characters); required with numbers unless plainCsv. */
      zipPassword: password.optional(),
      /** Numbers in a plain CSV instead of the encrypted zip: only after the UI's explicit warning. */
      plainCsv: z.boolean().optional(),
    }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rowCount: z.number().int(), zipped: z.boolean() }),
  }),
  'csv.listMappings': channel({ input: z.object({}), output: z.object({ rows: z.array(csvSavedMapping) }) }),
  'csv.saveMapping': channel({
    /** With `id`, that mapping is replaced; without, a new one is made (a name already used is refused). */
    input: z.object({ id: id.optional(), name: layoutName, columns: importColumns }),
    output: z.object({ id }),
  }),
  'csv.deleteMapping': channel({ input: z.object({ id }), output: z.object({}) }),
  'csv.listPresets': channel({ input: z.object({}), output: z.object({ rows: z.array(csvSavedPreset) }) }),
  'csv.savePreset': channel({
    input: z.object({
      id: id.optional(),
      name: layoutName,
      columns: presetColumns,
      dateStyle: z.enum(CSV_DATE_STYLES),
      encoding: z.enum(CSV_ENCODINGS),
      lineEnding: z.enum(CSV_LINE_ENDINGS),
    }),
    output: z.object({ id }),
  }),
  'csv.deletePreset': channel({ input: z.object({ id }), output: z.object({}) }),
};
