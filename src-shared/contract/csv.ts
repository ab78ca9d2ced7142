// CSV in and out (csv.*): registrants read from a spreadsheet (previewed, then committed all
// or nothing) and lists written for Excel and payroll software. The columns a file may have
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
export const CSV_EXPORT_PRESETS = ['registrants', 'dependents', 'payroll', 'status'] as const;
export type CsvExportPreset = (typeof CSV_EXPORT_PRESETS)[number];

const importCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows whose number is stored (or, when a second approval is required, sent for review). */
  numbers: z.number().int(),
});

export const csvChannels = {
  'csv.importPreview': channel({
    input: z.object({
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
      columns: z.record(z.string().max(100), z.union([z.enum(CSV_REGISTRANT_FIELDS), z.literal('ignore')])).optional(),
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
      preset: z.enum(CSV_EXPORT_PRESETS),
      encoding: z.enum(CSV_ENCODINGS).default('cp932'),
      includeMyNumber: z.boolean().optional(),
      purposeId: id.optional(),
      /** The zip's password, typed by the user (at least 8 characters); required with numbers unless plainCsv. */
      zipPassword: password.optional(),
      /** Numbers in a plain CSV instead of the encrypted zip: only after the UI's explicit warning. */
      plainCsv: z.boolean().optional(),
    }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rowCount: z.number().int(), zipped: z.boolean() }),
  }),
};
