// The audit screen's filters (purpose among them), the CSV download of the filtered entries
// (itself audited), and the monthly handling report (取扱状況) with its CSV: counts only,
// Japan's months, the chain head at the month's end, the administrator's alone.
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { ADMIN, MANAGER, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';
import { generateMyNumber } from '../support/numbers';

// 2026-12-01 01:00 in Japan, still November in UTC: the report's month is Japan's.
const clock = testClock(Date.parse('2026-11-30T16:00:00Z'));
let core: Core;
let admin: string;
let manager: string;
let groupId: string;
let revealed: string;

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  manager = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: 'kawa-no-nagare-ni-9' }, clock);
  await allowDirectNumberEntry(core, admin, ADMIN.password);
  groupId = (await must(core, admin, 'groups.create', { name: '本店' })).id;
  const person = (familyName: string, familyNameKana: string, extra: Record<string, unknown> = {}) =>
    must(core, admin, 'registrants.create', { familyName, givenName: '一郎', familyNameKana, givenNameKana: 'イチロウ', attributes: ['employee'], ...extra });
  revealed = (await person('山本', 'ヤマモト', { groupId })).id;
  await person('森', 'モリ', { groupId, attributes: ['employee', 'shareholder'] });
  await person('池田', 'イケダ', { attributes: ['shareholder'] });
  await must(core, admin, 'mynumber.set', { subject: { registrantId: revealed }, myNumber: generateMyNumber(6101) });
  await must(core, admin, 'mynumber.reveal', { subject: { registrantId: revealed }, purposeId: 'withholding_slip' });
  await must(core, admin, 'mynumber.reveal', { subject: { registrantId: revealed }, purposeId: 'social_insurance' });
  await must(core, manager, 'auth.reauth', { password: 'kawa-no-nagare-ni-9' });
  await must(core, manager, 'mynumber.reveal', { subject: { registrantId: revealed }, purposeId: 'withholding_slip' });
  const photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#999' } }).jpeg().toBuffer();
  const { documentId } = await must(core, admin, 'documents.attach', { registrantId: revealed, kind: 'card_front', imageBase64: photo.toString('base64') });
  await must(core, admin, 'documents.view', { documentId, part: 'image' });
  const file = Buffer.from('社員番号,姓,名,セイ,メイ\r\nE1,石川,花,イシカワ,ハナ\r\nE2,前田,空,マエダ,ソラ\r\n', 'utf8').toString('base64');
  const { previewId } = await must(core, admin, 'csv.importPreview', { fileName: 'in.csv', contentBase64: file });
  await must(core, admin, 'csv.importCommit', { previewId });
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin, 'csv.export', { preset: 'registrants', encoding: 'utf8' });
  await core.call(core.openSession(), 'auth.login', { loginId: 'no-such-person', password: 'wrong-password-here' });
});
afterAll(() => core.close());

describe('the filters', () => {
  it('finds the entries made for one purpose of use, and only those', async () => {
    const { rows, total } = await must(core, admin, 'audit.query', { filter: { purpose: 'withholding_slip' } });
    expect(total).toBe(2);
    expect(rows.map((r: any) => [r.action, r.actorLabel, r.detail.purposeId])).toEqual([
      ['mynumber.reveal', MANAGER.loginId, 'withholding_slip'],
      ['mynumber.reveal', ADMIN.loginId, 'withholding_slip'],
    ]);
    const images = await must(core, admin, 'audit.query', { filter: { purpose: 'identity_check' } });
    expect(images.rows.map((r: any) => r.action)).toEqual(['documents.view']);
  });

  it('narrows by every filter at once: period, user, action, registrant, result, purpose', async () => {
    const filter = { from: '2026-11-30T15:00:00.000Z', to: '2026-12-01T15:00:00.000Z', actorId: undefined as string | undefined, action: 'mynumber.reveal', registrantId: revealed, outcome: 'success', purpose: 'social_insurance' };
    const { rows } = await must(core, admin, 'audit.query', { filter });
    expect(rows.map((r: any) => [r.action, r.actorLabel, r.detail.purposeId])).toEqual([['mynumber.reveal', ADMIN.loginId, 'social_insurance']]);
    expect((await must(core, admin, 'audit.query', { filter: { ...filter, from: '2026-12-01T00:00:00.000Z' } })).total).toBe(0);
    expect((await must(core, admin, 'audit.query', { filter: { ...filter, outcome: 'failure' } })).total).toBe(0);
  });
});

describe('audit.export', () => {
  it('gives the filtered entries as a CP932 CSV, newest first, and records the download with its count and filters', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const file = await must(core, admin, 'audit.export', { filter: { action: 'mynumber.reveal' }, encoding: 'cp932' });
    expect(file.fileName).toBe('audit_log_20261201.csv');
    expect(file.rowCount).toBe(3);
    const lines = iconv.decode(Buffer.from(file.contentBase64, 'base64'), 'cp932').trimEnd().split('\r\n');
    expect(lines[0]).toBe('番号,日時,操作者ID,操作者,操作,結果,対象の種類,対象ID,対象,詳細');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`,${MANAGER.loginId},mynumber.reveal,success,registrant,${revealed},山本 一郎,`);
    expect(lines[1]).toContain(',2026-12-01 01:00:');
    const { rows } = await must(core, admin, 'audit.query', { filter: { action: 'audit.export' } });
    expect(rows[0].detail).toEqual({ encoding: 'cp932', filters: 'action', rows: 3 });
  });

  it('asks for the password again, like every download of a list', async () => {
    clock.advance(6 * 60_000);
    const r = await core.call(admin, 'audit.export', { filter: {}, encoding: 'utf8' });
    expect(r).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
  });
});

describe('the handling report', () => {
  it("counts what is held, reveals, image views and exports per purpose and per user, imports, disposals and failed logins for Japan's month, with the chain head at its end", async () => {
    const report = await must(core, admin, 'audit.report', { month: '2026-12' });
    expect(report).toMatchObject({ month: '2026-12', from: '2026-11-30T15:00:00.000Z', to: '2026-12-31T15:00:00.000Z' });
    expect(report.held).toEqual({
      registrants: 5,
      withNumber: 1,
      dependents: 0,
      dependentsWithNumber: 0,
      byAttribute: [
        { key: 'employee', label: '従業員', registrants: 4, withNumber: 1 },
        { key: 'shareholder', label: '株主', registrants: 2, withNumber: 0 },
      ],
      byGroup: [
        { key: groupId, label: '本店', registrants: 2, withNumber: 1 },
        { key: '', label: '', registrants: 3, withNumber: 0 },
      ],
    });
    expect(report.reveals).toEqual({
      total: 3,
      byPurpose: [
        { key: 'withholding_slip', label: '給与所得・退職所得の源泉徴収票作成事務', count: 2 },
        { key: 'social_insurance', label: '健康保険・厚生年金保険の届出事務', count: 1 },
      ],
      byUser: [
        { key: expect.any(String), label: ADMIN.loginId, count: 2 },
        { key: expect.any(String), label: MANAGER.loginId, count: 1 },
      ],
    });
    expect(report.imageViews).toMatchObject({ total: 1, byPurpose: [{ key: 'identity_check', label: '本人確認（番号確認・身元確認）', count: 1 }] });
    // The registrants' CSV and the trail's own download above: neither held numbers.
    expect(report.exports.byPurpose).toEqual([{ key: '', label: '（目的なし：番号を含まない）', count: 2 }]);
    expect(report.imports).toMatchObject({ files: 1, rows: 2 });
    expect(report.disposals).toEqual({ total: 0, byAction: [] });
    expect(report.failedLogins).toEqual({ total: 1, byReason: [{ key: 'unknown_login_id', label: 'unknown_login_id', count: 1 }] });
    const { rows } = await must(core, admin, 'audit.query', { limit: 2 });
    // The newest entry is the report's own (it was recorded after the counts were taken): the head is the one before it.
    expect(rows[0]).toMatchObject({ action: 'audit.report', detail: { month: '2026-12', format: 'page' } });
    expect(report.chainHead).toMatchObject({ seq: rows[0].seq - 1 });
    expect(report.chainHead.hashPrefix).toMatch(/^[0-9a-f]{16}$/);
  });

  it('finds nothing in a month before the vault existed', async () => {
    const report = await must(core, admin, 'audit.report', { month: '2026-11' });
    expect([report.reveals.total, report.imports.files, report.failedLogins.total, report.chainHead]).toEqual([0, 0, 0, null]);
  });

  it('is downloaded as CSV, one count a row', async () => {
    const file = await must(core, admin, 'audit.reportCsv', { month: '2026-12', encoding: 'utf8' });
    expect(file.fileName).toBe('handling_report_2026-12.csv');
    const lines = Buffer.from(file.contentBase64, 'base64').toString('utf8').split('\r\n');
    expect(lines[0]).toBe('項目,内訳,件数');
    expect(lines).toContain('個人番号の表示,合計,3');
    expect(lines).toContain('個人番号の表示（目的別）,給与所得・退職所得の源泉徴収票作成事務,2');
    expect(lines).toContain('ログイン失敗（理由別）,unknown_login_id,1');
    expect(lines).toContain('保有（グループ別）,本店,2（番号あり 1）');
  });

  it("is the administrator's alone", async () => {
    expect(await core.call(manager, 'audit.report', { month: '2026-12' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(admin, 'audit.report', { month: '2026-13' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
