// A large import run as a job (csv.importCommit with a jobId): its progress goes to the
// session that started it and to no other, phase by phase and never backwards; jobs.cancel
// from that session stops it while it is still being checked, and the vault is then exactly
// as it was; nobody else can cancel it, and a job that is not running cannot be cancelled. A
// commit right after its preview writes the plans the preview made; after another write, it plans again.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import type { JobProgress } from '../../src-shared/jobs';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { ADMIN, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

const ROWS = 12_000;
const clock = testClock();
let core: Core;
let admin: string;
let manager: string;
let rawDb: Db;
const heard: { sessionKey: string; progress: JobProgress }[] = [];

/** A file of `ROWS` registrants with numbers, codes starting with `prefix`, numbers from `from`. */
function file(prefix: string, from: number): string {
  const lines = ['社員番号,姓,名,セイ,メイ,生年月日,属性,個人番号'];
  for (let i = 0; i < ROWS; i++) lines.push(`${prefix}${String(i).padStart(6, '0')},山田,太郎,ヤマダ,タロウ,S55.4.1,従業員,${generateMyNumber(from + i)}`);
  return Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
}

function snapshot(): string {
  return JSON.stringify(['registrants', 'registrant_attributes', 'my_numbers', 'registrant_status_history', 'submissions'].map((t) => rawDb.prepare(`SELECT count(*) FROM ${t}`).pluck().get()));
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  manager = await signInNewUser(
    core,
    admin,
    { loginId: 'jobs.hr', displayName: '人事 次郎', email: 'jobs.hr@example.co.jp', role: 'manager', initialPassword: 'hoshi-no-furu-yoru-ni-8', password: 'hoshi-no-furu-yoru-renewed' },
    clock,
  );
  // Two HR users: numbers are stored at once only with the setting saying so.
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin, 'submissions.configure', { proxyApproval: 'notRequired' });
  rawDb = await openRawDb(dataDir, core.vaultId);
  core.onJobProgress((sessionKey, progress) => heard.push({ sessionKey, progress }));
}, 60_000);
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('a large import as a job', () => {
  it('reports its progress, checking then writing, always forward, to its own session only', async () => {
    const jobId = randomUUID();
    const preview = await must(core, admin, 'csv.importPreview', { fileName: 'big.csv', contentBase64: file('P', 1) });
    expect(preview.errorCount).toBe(0);
    heard.length = 0;
    const result = await must(core, admin, 'csv.importCommit', { previewId: preview.previewId, jobId });
    expect(result).toMatchObject({ created: ROWS, numbers: ROWS });
    // Written in batches, each row as the single path writes it: 完了 with its number, the move in
    // the history, found by the search index (a long word and a short one), its attribute.
    const count = (sql: string) => rawDb.prepare(sql).pluck().get() as number;
    expect(count("SELECT count(*) FROM registrants WHERE employee_code LIKE 'P%' AND status = 'completed' AND has_my_number = 1")).toBe(ROWS);
    expect(count("SELECT count(*) FROM registrant_status_history h JOIN registrants r ON r.id = h.registrant_id WHERE r.employee_code LIKE 'P%' AND h.from_status = 'unregistered' AND h.to_status = 'completed' AND h.via = 'staffEntry'")).toBe(ROWS);
    expect(count("SELECT count(*) FROM registrant_attributes a JOIN registrants r ON r.id = a.registrant_id WHERE r.employee_code LIKE 'P%' AND a.code = 'employee'")).toBe(ROWS);
    const found = await must(core, admin, 'registrants.list', { filter: { text: 'P011999' }, limit: 5 });
    expect(found.rows.map((r: { employeeCode: string; status: string; hasMyNumber: boolean }) => [r.employeeCode, r.status, r.hasMyNumber])).toEqual([['P011999', 'completed', true]]);
    expect((await must(core, admin, 'registrants.list', { filter: { text: 'ヤ', status: 'completed' }, limit: 1 })).total).toBe(ROWS);
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const purposeId = (await must(core, admin, 'purposes.list', {})).rows[0].id;
    expect(await must(core, admin, 'mynumber.reveal', { subject: { registrantId: found.rows[0].id }, purposeId })).toEqual({ myNumber: generateMyNumber(1 + 11_999) });

    expect(heard.length).toBeGreaterThanOrEqual(4);
    expect(new Set(heard.map((h) => h.sessionKey))).toEqual(new Set([admin]));
    const events = heard.map((h) => h.progress);
    for (const e of events) expect(e).toMatchObject({ jobId, kind: 'csv.import', total: ROWS });
    // The phases in order, each from 0 to the whole file, never going back. Nothing was written
    // since the preview: its plans are written as they were, so checking goes from 0 to all at once.
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['validate', 'write']);
    expect(events.filter((e) => e.phase === 'validate').map((e) => e.done)).toEqual([0, ROWS]);
    for (const phase of ['validate', 'write']) {
      const done = events.filter((e) => e.phase === phase).map((e) => e.done);
      expect(done[0]).toBe(0);
      expect(done.at(-1)).toBe(ROWS);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    }
    // Once done, the job is gone: there is nothing left to cancel.
    expect(await must(core, admin, 'jobs.cancel', { jobId })).toEqual({ cancelled: false });
  }, 120_000);

  it('stops when its own session cancels it while the rows are checked, and the vault is as it was', async () => {
    const jobId = randomUUID();
    const preview = await must(core, admin, 'csv.importPreview', { fileName: 'big.csv', contentBase64: file('Q', 100_001) });
    expect(preview.errorCount).toBe(0);
    // Someone writes to the vault after the preview: the commit plans every row again, in batches.
    await must(core, manager, 'registrants.create', { familyName: '別件', givenName: '花子', familyNameKana: 'ベッケン', givenNameKana: 'ハナコ', attributes: ['employee'] });
    const before = snapshot();
    heard.length = 0;
    const answers: { manager?: unknown; admin?: unknown } = {};
    let asked = false;
    const off = core.onJobProgress((_key, progress) => {
      if (asked || progress.phase !== 'validate' || progress.done === 0) return;
      asked = true;
      // Another user's session cannot stop it (told exactly what an unknown job gets); its own can.
      void core.call(manager, 'jobs.cancel', { jobId }).then((r) => {
        answers.manager = r;
        return core.call(admin, 'jobs.cancel', { jobId }).then((a) => void (answers.admin = a));
      });
    });
    try {
      const refused = await core.call(admin, 'csv.importCommit', { previewId: preview.previewId, jobId });
      expect(refused).toEqual({ ok: false, error: { code: 'CANCELLED', message: '中止しました。何も変更されていません', messageKey: 'errors.jobs.cancelled' } });
    } finally {
      off();
    }
    expect(answers).toEqual({ manager: { ok: true, value: { cancelled: false } }, admin: { ok: true, value: { cancelled: true } } });
    expect(heard.map((h) => h.progress.phase)).not.toContain('write');
    // Checked in batches of 2,000 rows until the cancel was heard (progress goes out a few times a
    // second, so a batch planned quickly may go unreported): every report a whole batch, none the last.
    const done = heard.map((h) => h.progress.done);
    expect(done[0]).toBe(0);
    expect(done.length).toBeGreaterThan(1);
    expect(done.filter((d) => d % 2000 !== 0 || d >= 100_001)).toEqual([]);
    expect(snapshot()).toBe(before);
    const last = rawDb.prepare("SELECT outcome, detail FROM audit_log WHERE action = 'csv.importCommit' ORDER BY seq DESC LIMIT 1").get() as { outcome: string; detail: string };
    expect(last).toEqual({ outcome: 'failure', detail: JSON.stringify({ reason: 'cancelled' }) });
  }, 120_000);

  it('answers false for a job nobody runs', async () => {
    expect(await must(core, admin, 'jobs.cancel', { jobId: randomUUID() })).toEqual({ cancelled: false });
  });
});
