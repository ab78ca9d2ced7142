// The built-in export layouts: which columns, under which headers, from which record. The
// registrants layout uses the import's canonical headers, so a file exported can be edited
// in Excel and imported again. Files are written in Japanese whatever the UI's language:
// they are read by Japanese payroll software and offices.
import type { CsvDateStyle, CsvExportField, CsvExportPreset, DependentRow, RegistrantRow, Relationship } from '../../../../src-shared/contract';
import { formatWareki } from '../../../../src-shared/dates';
import type { RegistrantStatus } from '../../../../src-shared/domain';

export const STATUS_LABELS: Record<RegistrantStatus, string> = {
  unregistered: '未登録',
  pending: '承認待ち',
  returned: '差戻し',
  declined: '拒否',
  completed: '完了',
};

export const RELATIONSHIP_LABELS: Record<Relationship, string> = { spouse: '配偶者', child: '子', father: '父', mother: '母', other: 'その他' };

export interface ExportLookups {
  groupName(id: string | null): string;
  attributeLabel(code: string): string;
  dependentsOf(registrantId: string): DependentRow[];
  /** The number of the registrant or dependent, when the export includes numbers. */
  numberOf?(subject: { type: 'registrant' | 'dependent'; id: string }): string;
}

export interface Table {
  header: string[];
  rows: string[][];
}

const yes = (b: boolean) => (b ? '○' : '');
const v = (s: string | null | undefined) => s ?? '';
/** 1985-04-01 as 1985/04/01 (西暦, zero-padded, as Japanese Windows software writes dates). */
const slashDate = (iso: string | null | undefined) => (iso ? iso.replaceAll('-', '/') : '');

/** The table of `preset` over the registrants (in their order); numbers in the last column when `lookups.numberOf` is given. */
export function buildTable(preset: CsvExportPreset, registrants: readonly RegistrantRow[], lookups: ExportLookups): Table {
  const withNumber = lookups.numberOf !== undefined;
  const number = (type: 'registrant' | 'dependent', id: string) => (withNumber ? [lookups.numberOf!({ type, id })] : []);
  const numberHeader = withNumber ? ['個人番号'] : [];
  switch (preset) {
    case 'registrants':
      return {
        header: ['社員番号', '姓', '名', 'セイ', 'メイ', '生年月日', 'メールアドレス', 'グループ', '属性', '入社日', '退職日', '電話番号', '郵便番号', '住所', '備考', ...numberHeader],
        rows: registrants.map((r) => [
          v(r.employeeCode),
          r.familyName,
          r.givenName,
          r.familyNameKana,
          r.givenNameKana,
          v(r.birthDate),
          v(r.email),
          lookups.groupName(r.groupId),
          r.attributes.map(lookups.attributeLabel).join(';'),
          v(r.hireDate),
          v(r.leaveDate),
          v(r.phone),
          v(r.postalCode),
          v(r.address),
          v(r.notes),
          ...number('registrant', r.id),
        ]),
      };
    case 'dependents':
      return {
        header: ['社員番号', '続柄', '姓', '名', 'セイ', 'メイ', '生年月日', '税扶養', '第3号被保険者', ...numberHeader],
        rows: registrants.flatMap((r) =>
          lookups.dependentsOf(r.id).map((d) => [
            v(r.employeeCode),
            RELATIONSHIP_LABELS[d.relationship],
            d.familyName,
            d.givenName,
            d.familyNameKana,
            d.givenNameKana,
            v(d.birthDate),
            yes(d.taxDependent),
            yes(d.category3),
            ...number('dependent', d.id),
          ]),
        ),
      };
    case 'payroll':
      // One row for the employee, then one per dependent under the same 社員番号.
      return {
        header: ['社員番号', '区分', '続柄', '氏名', 'フリガナ', '生年月日', ...numberHeader],
        rows: registrants.flatMap((r) => [
          [v(r.employeeCode), '本人', '', `${r.familyName}\u3000${r.givenName}`, `${r.familyNameKana}\u3000${r.givenNameKana}`, v(r.birthDate), ...number('registrant', r.id)],
          ...lookups
            .dependentsOf(r.id)
            .map((d) => [
              v(r.employeeCode),
              '扶養親族',
              RELATIONSHIP_LABELS[d.relationship],
              `${d.familyName}\u3000${d.givenName}`,
              `${d.familyNameKana}\u3000${d.givenNameKana}`,
              v(d.birthDate),
              ...number('dependent', d.id),
            ]),
        ]),
      };
    case 'payroll-yayoi':
      // 弥生給与's published My Number import (its help page ID 24300, 「マイナンバーのインポート」):
      // one line per person, 従業員名 (姓名 with no space, 20 characters) required, the dependent's
      // name in 扶養親族等名, 個人番号 (12 digits) required. Employees and dependents must be in
      // 弥生給与 already: it matches them by name. 所得金額調整名 and 退職手当等を有する配偶者扶養親族名
      // stay empty (the vault keeps neither). The page's sixth item could not be read and is not
      // written; whether its wizard skips a heading line is not said (unverified).
      return {
        header: ['従業員名', '扶養親族等名', '所得金額調整名', '退職手当等を有する配偶者扶養親族名', ...numberHeader],
        rows: registrants.flatMap((r) => {
          const employee = `${r.familyName}${r.givenName}`;
          return [
            [employee, '', '', '', ...number('registrant', r.id)],
            ...lookups.dependentsOf(r.id).map((d) => [employee, `${d.familyName}${d.givenName}`, '', '', ...number('dependent', d.id)]),
          ];
        }),
      };
    case 'payroll-freee':
      // freee 人事労務: published are UTF-8 files (CSV_PRESET_ENCODINGS), the 従業員番号 as the key
      // of every bulk update, and family members updated by their own CSV under the employee's
      // 従業員番号. The headers and the yyyy-mm-dd dates are our best reading of its template and
      // of its API's field names (姓, 名, 姓カナ, 名カナ, 続柄, 生年月日): unverified.
      return {
        header: ['従業員番号', '続柄', '姓', '名', '姓カナ', '名カナ', '生年月日', ...(withNumber ? ['マイナンバー'] : [])],
        rows: registrants.flatMap((r) => [
          [v(r.employeeCode), '本人', r.familyName, r.givenName, r.familyNameKana, r.givenNameKana, v(r.birthDate), ...number('registrant', r.id)],
          ...lookups
            .dependentsOf(r.id)
            .map((d) => [v(r.employeeCode), RELATIONSHIP_LABELS[d.relationship], d.familyName, d.givenName, d.familyNameKana, d.givenNameKana, v(d.birthDate), ...number('dependent', d.id)]),
        ]),
      };
    case 'payroll-mf':
      // マネーフォワード クラウド給与: published is only that employees are matched by 従業員番号
      // (half-width letters, digits, - and _) across its products. The headers, the yyyy/mm/dd
      // dates and the dependents as rows under the employee's 従業員番号 are our best reading of
      // its downloadable template: unverified.
      return {
        header: ['従業員番号', '続柄', '姓', '名', '姓（フリガナ）', '名（フリガナ）', '生年月日', ...numberHeader],
        rows: registrants.flatMap((r) => [
          [v(r.employeeCode), '本人', r.familyName, r.givenName, r.familyNameKana, r.givenNameKana, slashDate(r.birthDate), ...number('registrant', r.id)],
          ...lookups
            .dependentsOf(r.id)
            .map((d) => [v(r.employeeCode), RELATIONSHIP_LABELS[d.relationship], d.familyName, d.givenName, d.familyNameKana, d.givenNameKana, slashDate(d.birthDate), ...number('dependent', d.id)]),
        ]),
      };
    case 'status':
      return {
        header: ['社員番号', '氏名', 'フリガナ', 'グループ', 'メールアドレス', '状態', 'マイナンバー'],
        rows: registrants.map((r) => [
          v(r.employeeCode),
          `${r.familyName}\u3000${r.givenName}`,
          `${r.familyNameKana}\u3000${r.givenNameKana}`,
          lookups.groupName(r.groupId),
          v(r.email),
          STATUS_LABELS[r.status],
          r.hasMyNumber ? '登録済み' : '未登録',
        ]),
      };
  }
}

/** Whether the preset has a number column to fill (the status list never holds numbers). */
export const presetHoldsNumbers = (preset: CsvExportPreset) => preset !== 'status';

/** A saved preset's layout: its columns in its order under its headers, dates in its style. */
export interface SavedLayout {
  columns: readonly { field: CsvExportField; header: string }[];
  dateStyle: CsvDateStyle;
}

/** The table of a saved preset over the registrants; numbers in a last 個人番号 column when `lookups.numberOf` is given. */
export function buildSavedTable(layout: SavedLayout, registrants: readonly RegistrantRow[], lookups: ExportLookups): Table {
  const day = (iso: string | null | undefined) => (iso ? (layout.dateStyle === 'wareki' ? (formatWareki(iso) ?? iso) : iso) : '');
  const cell = (r: RegistrantRow, field: CsvExportField): string => {
    switch (field) {
      case 'fullName':
        return `${r.familyName}\u3000${r.givenName}`;
      case 'fullNameKana':
        return `${r.familyNameKana}\u3000${r.givenNameKana}`;
      case 'group':
        return lookups.groupName(r.groupId);
      case 'attributes':
        return r.attributes.map(lookups.attributeLabel).join(';');
      case 'status':
        return STATUS_LABELS[r.status];
      case 'hasMyNumber':
        return r.hasMyNumber ? '登録済み' : '未登録';
      case 'birthDate':
      case 'hireDate':
      case 'leaveDate':
        return day(r[field]);
      default:
        return v(r[field]);
    }
  };
  const withNumber = lookups.numberOf !== undefined;
  return {
    header: [...layout.columns.map((c) => c.header), ...(withNumber ? ['個人番号'] : [])],
    rows: registrants.map((r) => [...layout.columns.map((c) => cell(r, c.field)), ...(withNumber ? [lookups.numberOf!({ type: 'registrant', id: r.id })] : [])]),
  };
}
