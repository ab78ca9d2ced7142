// Saved CSV layouts: column mappings (to read another system's file again without mapping it
// by hand) and export presets of the office's own (columns in order under their headers, the
// date style 西暦/和暦, the encoding, the line ending), saved by name. HR shares them, a viewer
// reaches none, a manager limited to groups changes only their own, a name is used once, and
// csv.export writes a saved preset's layout.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { generateMyNumber } from '../support/numbers';
import { ADMIN, MANAGER, VIEWER, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

const clock = testClock(Date.parse('2026-12-01T03:00:00Z'));
let core: Core;
let admin: string;
let limited: string;
let viewer: string;
let tokyoId: string;

const SHOKUNIN = { name: '人事システムA', columns: { 従業員CD: 'employeeCode', 氏: 'familyName', 名前: 'givenName', 氏カナ: 'familyNameKana', 名カナ: 'givenNameKana', 誕生日: 'birthDate', 部署: 'ignore' } };
const PAYROLL = {
  name: '給与ソフト用',
  columns: [
    { field: 'fullName', header: '従業員氏名' },
    { field: 'employeeCode', header: '従業員コード' },
    { field: 'birthDate', header: '生年月日' },
  ],
  dateStyle: 'wareki',
  encoding: 'cp932',
  lineEnding: 'lf',
};

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  tokyoId = (await must(core, admin, 'groups.create', { name: '東京本社' })).id;
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  limited = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: 'kumo-no-ue-de-odoru-renewed', groupIds: [tokyoId] }, clock);
  viewer = await signInNewUser(core, admin, { ...VIEWER, role: 'viewer', password: 'yuki-ga-furu-machi-kado-renewed' }, clock);
  await must(core, admin, 'registrants.create', { employeeCode: 'E001', familyName: '髙橋', givenName: '一郎', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ', birthDate: '1985-04-01', groupId: tokyoId, attributes: ['employee'] });
  await must(core, admin, 'registrants.create', { employeeCode: 'E002', familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', birthDate: '2019-05-01', groupId: tokyoId, attributes: ['employee'] });
});
afterAll(async () => {
  await core.close();
});

describe('saved column mappings', () => {
  it('are saved by name, listed for HR, and read the file they were made for', async () => {
    const { id } = await must(core, admin, 'csv.saveMapping', SHOKUNIN);
    const { rows } = await must(core, limited, 'csv.listMappings', {});
    expect(rows).toEqual([{ id, name: '人事システムA', columns: SHOKUNIN.columns, updatedAt: '2026-12-01T03:00:00.000Z', editable: false }]);

    const file = ['従業員CD,氏,名前,氏カナ,名カナ,誕生日,部署', 'E101,佐藤,健,ｻﾄｳ,ｹﾝ,S60.4.1,総務'].join('\r\n');
    const preview = await must(core, admin, 'csv.importPreview', { fileName: 'a.csv', contentBase64: Buffer.from(file).toString('base64'), columns: rows[0].columns });
    expect(preview).toMatchObject({ errors: [], rowCount: 1, summary: { created: 1, updated: 0, unchanged: 0 } });
  });

  it('refuses a name already used, an empty mapping, and a viewer', async () => {
    expect(await core.call(admin, 'csv.saveMapping', SHOKUNIN)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'errors.csv.layoutNameTaken', message: '「人事システムA」という名前はすでに使われています。別の名前にしてください' },
    });
    expect(await core.call(admin, 'csv.saveMapping', { name: '空', columns: {} })).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.csv.emptyMapping' } });
    expect(await core.call(admin, 'csv.saveMapping', { name: '誤り', columns: { 列: 'salary' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.call(viewer, 'csv.listMappings', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(viewer, 'csv.saveMapping', { name: '閲覧者', columns: { a: 'ignore' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await must(core, admin, 'csv.listMappings', {})).rows.map((m: { name: string }) => m.name)).toEqual(['人事システムA']);
  });

  it("lets a manager limited to groups change and delete their own only, not another's", async () => {
    const adminsId = (await must(core, admin, 'csv.listMappings', {})).rows[0].id;
    expect(await core.call(limited, 'csv.deleteMapping', { id: adminsId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.csv.layoutNotYours' } });
    expect(await core.call(limited, 'csv.saveMapping', { id: adminsId, name: '人事システムA', columns: { a: 'ignore' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const { id } = await must(core, limited, 'csv.saveMapping', { name: '東京の名簿', columns: { コード: 'employeeCode' } });
    await must(core, limited, 'csv.saveMapping', { id, name: '東京の名簿（新）', columns: { コード: 'employeeCode', 姓: 'familyName' } });
    const mine = (await must(core, limited, 'csv.listMappings', {})).rows.find((m: { id: string }) => m.id === id);
    expect(mine).toMatchObject({ name: '東京の名簿（新）', columns: { コード: 'employeeCode', 姓: 'familyName' }, editable: true });
    await must(core, limited, 'csv.deleteMapping', { id });
    expect(await core.call(limited, 'csv.deleteMapping', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.csv.layoutNotFound' } });
  });
});

describe('saved export presets', () => {
  let presetId: string;

  it('are written by csv.export in their columns, order, headers, date style and line ending', async () => {
    presetId = (await must(core, admin, 'csv.savePreset', PAYROLL)).id;
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const r = await must(core, admin, 'csv.export', { preset: presetId });
    expect(r).toMatchObject({ fileName: '給与ソフト用_20261201.csv', rowCount: 2, zipped: false });
    // CP932 (the preset's encoding, none being asked for), LF as the preset says, 和暦 dates.
    expect(iconv.decode(Buffer.from(r.contentBase64, 'base64'), 'cp932')).toBe('従業員氏名,従業員コード,生年月日\n髙橋\u3000一郎,E001,昭和60年4月1日\n山田\u3000花子,E002,令和元年5月1日\n');
    const utf8 = await must(core, admin, 'csv.export', { preset: presetId, encoding: 'utf8' });
    expect(Buffer.from(utf8.contentBase64, 'base64').toString('utf8').split('\n')[0]).toBe('従業員氏名,従業員コード,生年月日');
  });

  it('write numbers, with a purpose, as a last 個人番号 column', async () => {
    const number = generateMyNumber(4401);
    await allowDirectNumberEntry(core, admin, ADMIN.password);
    const takahashi = (await must(core, admin, 'registrants.list', { filter: { text: 'E001' } })).rows[0];
    await must(core, admin, 'mynumber.set', { subject: { registrantId: takahashi.id }, myNumber: number });
    const purposeId = (await must(core, admin, 'purposes.list', {})).rows[0].id;
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const r = await must(core, admin, 'csv.export', { preset: presetId, encoding: 'utf8', includeMyNumber: true, purposeId, plainCsv: true });
    expect(Buffer.from(r.contentBase64, 'base64').toString('utf8').split('\n').slice(0, 3)).toEqual([
      '従業員氏名,従業員コード,生年月日,個人番号',
      `髙橋\u3000一郎,E001,昭和60年4月1日,${number}`,
      '山田\u3000花子,E002,令和元年5月1日,',
    ]);
    expect(await core.call(admin, 'csv.export', { preset: presetId, includeMyNumber: true, purposeId })).toMatchObject({ ok: false, error: { messageKey: 'errors.csv.zipPasswordRequired' } });
  });

  it('are listed with their layout, and audited by id, never by name', async () => {
    const { rows } = await must(core, limited, 'csv.listPresets', {});
    expect(rows).toEqual([{ id: presetId, ...PAYROLL, updatedAt: '2026-12-01T03:00:00.000Z', editable: false }]);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'csv.export' }, limit: 5 });
    const written = audit.rows.find((row: { outcome: string }) => row.outcome === 'success');
    expect(written.detail).toMatchObject({ preset: 'saved', presetId, encoding: 'utf8', rows: 2, withNumbers: true });
    expect(JSON.stringify(audit.rows[0].detail)).not.toContain('給与ソフト用');
  });

  it('refuses the same field twice, an unknown field, a taken name, an unknown id and a viewer', async () => {
    const twice = { ...PAYROLL, name: '重複', columns: [PAYROLL.columns[0], { field: 'fullName', header: '氏名' }] };
    expect(await core.call(admin, 'csv.savePreset', twice)).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.csv.duplicatePresetField' } });
    expect(await core.call(admin, 'csv.savePreset', { ...PAYROLL, name: '給与', columns: [{ field: 'salary', header: '給与' }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.call(admin, 'csv.savePreset', { ...PAYROLL, dateStyle: 'heisei' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.call(admin, 'csv.savePreset', PAYROLL)).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.csv.layoutNameTaken' } });
    expect(await core.call(admin, 'csv.export', { preset: 'no-such-preset' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.csv.layoutNotFound' } });
    expect(await core.call(viewer, 'csv.listPresets', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(limited, 'csv.deletePreset', { id: presetId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.csv.layoutNotYours' } });
  });

  it('are replaced under their id and deleted by an admin', async () => {
    await must(core, admin, 'csv.savePreset', { ...PAYROLL, id: presetId, dateStyle: 'western', lineEnding: 'crlf', columns: [{ field: 'employeeCode', header: 'CD' }, { field: 'birthDate', header: '誕生日' }] });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const r = await must(core, admin, 'csv.export', { preset: presetId, encoding: 'utf8' });
    expect(Buffer.from(r.contentBase64, 'base64').toString('utf8')).toBe('CD,誕生日\r\nE001,1985-04-01\r\nE002,2019-05-01\r\n');
    await must(core, admin, 'csv.deletePreset', { id: presetId });
    expect((await must(core, admin, 'csv.listPresets', {})).rows).toEqual([]);
    expect(await core.call(admin, 'csv.export', { preset: presetId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
