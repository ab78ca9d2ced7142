// Collection e-mails (収集メール) over a real SMTP server on 127.0.0.1 and the real LAN listener:
// the templates (defaults, placeholders checked, audited by name only), a batch to a filter or
// to chosen registrants with the placeholders filled in and a link that opens, reminders only
// to those who have not submitted, those without an address listed back, the outbox riding out
// an SMTP server that is down, one that refuses a recipient, and a restart of the core; a
// limited manager's reach; the QR sheets; and nothing of a link or a body readable at rest or
// in the audit trail.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_TEMPLATES, formatJapaneseDateTime } from '../../src-shared/collection-mail';
import { createCore, createFileKeyStore, type Core } from '../../src-main/core/index';
import { createLanListenerHost } from '../../src-main/lan';
import { generateMyNumber } from '../support/numbers';
import { newRegistrant, openLanVault, openLink, PASSCODE, type LanVault } from '../support/lan';
import { openRawDb } from '../support/raw-db';
import { decodeBody, decodeSubject, startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { ADMIN, MANAGER, TEST_PASSPHRASE, allowDirectNumberEntry, configureSmtp, must, signInNewUser } from '../support/vault';
import { freePort } from '../support/free-port';

const RETRY = { baseMs: 40, maxMs: 200 };
const DAY = 24 * 60 * 60 * 1000;

let vault: LanVault;
let smtp: TestSmtp;
const group: Record<'osaka' | 'tokyo', string> = { osaka: '', tokyo: '' };

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const statusOf = (core: Core, session: string, batchId: string) => must(core, session, 'collection.outboxStatus', { batchId });
const settledBatch = (core: Core, session: string, batchId: string) => until('the batch to settle', () => statusOf(core, session, batchId), (s) => s.done);

function mailsTo(server: TestSmtp, address: string): ReceivedMail[] {
  return server.mails.filter((m) => m.to.includes(address));
}

/** The link in a mail's body, and its token. */
function linkIn(mail: ReceivedMail): { url: string; token: string } {
  const url = /https:\/\/\S+/.exec(decodeBody(mail.raw))![0];
  return { url, token: new URL(url).hash.slice(1) };
}

async function person(familyName: string, familyNameKana: string, fields: Record<string, unknown> = {}): Promise<string> {
  return newRegistrant(vault.core, vault.admin, { familyName, familyNameKana, givenName: '花子', givenNameKana: 'ハナコ', ...fields });
}

beforeAll(async () => {
  smtp = await startSmtp();
  vault = await openLanVault({ opensPerMinute: 10_000, outboxRetry: RETRY });
  await configureSmtp(vault.core, vault.admin, smtp.port);
  // Numbers are stored by hand here to make registrants 完了 (a second HR user would otherwise ask for a proxy entry).
  await allowDirectNumberEntry(vault.core, vault.admin, ADMIN.password);
  group.osaka = (await must(vault.core, vault.admin, 'groups.create', { name: '大阪支店' })).id;
  group.tokyo = (await must(vault.core, vault.admin, 'groups.create', { name: '東京本社' })).id;
});
afterAll(async () => {
  await vault.core.close();
  await smtp.close();
});

describe('the templates', () => {
  it('start as the defaults, and an admin stores edited ones, audited by which texts changed', async () => {
    const first = await must(vault.core, vault.admin, 'collection.getMailTemplates', {});
    expect(first).toEqual({ templates: DEFAULT_MAIL_TEMPLATES, defaults: DEFAULT_MAIL_TEMPLATES, companyName: '株式会社テスト', linkValidDays: 14 });
    expect(first.templates.invitationSubject).toBe('【{会社名}】マイナンバー提出のお願い');

    const edited = { ...DEFAULT_MAIL_TEMPLATES, invitationSubject: '{会社名}からのお願い（{氏名}様）', invitationBody: '{氏名} 様\n{会社名}です。\n{URL}\n期限: {期限}' };
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    expect(await must(vault.core, vault.admin, 'collection.setMailTemplates', edited)).toEqual({});
    expect((await must(vault.core, vault.admin, 'collection.getMailTemplates', {})).templates).toEqual(edited);
    const audit = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.setMailTemplates' }, limit: 5 });
    expect(audit.rows.map((r: { detail: unknown }) => r.detail)).toEqual([{ changed: 'invitationSubject,invitationBody' }]);
    await must(vault.core, vault.admin, 'collection.setMailTemplates', DEFAULT_MAIL_TEMPLATES);
  });

  it('refuses an unknown placeholder, a body without {URL}, {URL} in a subject and a two-line subject, naming the text, and changes nothing', async () => {
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    const refusal = async (change: Partial<typeof DEFAULT_MAIL_TEMPLATES>) => {
      const r = await vault.core.call(vault.admin, 'collection.setMailTemplates', { ...DEFAULT_MAIL_TEMPLATES, ...change });
      return r.ok ? null : { code: r.error.code, message: r.error.message, messageKey: r.error.messageKey };
    };
    expect(await refusal({ reminderBody: '{氏名} 様\n{部署} の皆さんへ\n{URL}' })).toEqual({
      code: 'VALIDATION',
      message: 'リマインドメールの本文に使えない差し込み項目 {部署} があります。使えるのは {氏名}・{URL}・{期限}・{会社名} です',
      messageKey: 'errors.collectionMail.unknownPlaceholder',
    });
    expect(await refusal({ invitationBody: '{氏名} 様、スマートフォンで開いてください' })).toEqual({
      code: 'VALIDATION',
      message: '案内メールの本文に {URL}（登録者ごとのリンク）を入れてください',
      messageKey: 'errors.collectionMail.urlMissing',
    });
    expect((await refusal({ invitationSubject: '提出はこちら {URL}' }))?.messageKey).toBe('errors.collectionMail.urlInSubject');
    expect((await refusal({ reminderSubject: '再送\nBcc: someone@example.com' }))?.messageKey).toBe('errors.collectionMail.subjectOneLine');
    expect((await refusal({ invitationSubject: '' }))?.message).toBe('案内メールの件名を入力してください');
    expect((await must(vault.core, vault.admin, 'collection.getMailTemplates', {})).templates).toEqual(DEFAULT_MAIL_TEMPLATES);
  });
});

describe('sending to a filter', () => {
  it('mails every 未登録 registrant of 大阪支店 with the placeholders filled in and a link that opens, and lists those without an address', async () => {
    const a = await person('大阪', 'オオサカ', { groupId: group.osaka, email: 'osaka.a@example.jp' });
    const b = await person('難波', 'ナンバ', { groupId: group.osaka, email: 'namba.b@example.jp' });
    const noAddress = await person('梅田', 'ウメダ', { groupId: group.osaka });
    const elsewhere = await person('銀座', 'ギンザ', { groupId: group.tokyo, email: 'ginza@example.jp' });
    const done = await person('完了', 'カンリョウ', { groupId: group.osaka, email: 'done@example.jp' });
    await must(vault.core, vault.admin, 'mynumber.set', { subject: { registrantId: done }, myNumber: generateMyNumber(61_001) });

    const sent = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'filter', filter: { groupId: group.osaka, status: 'unregistered' } } });
    expect(sent).toEqual({ batchId: expect.any(String), queued: 2, skipped: { noEmail: [{ registrantId: noAddress, name: '梅田 花子' }], noEmailTotal: 1, notApplicable: 0 } });
    const status = await settledBatch(vault.core, vault.admin, sent.batchId);
    expect(status).toEqual({
      batchId: sent.batchId,
      kind: 'invitation',
      createdAt: vault.clock.now().toISOString(),
      createdBy: ADMIN.loginId,
      total: 2,
      queued: 0,
      sent: 2,
      failed: 0,
      retrying: 0,
      lastProblem: null,
      done: true,
    });

    expect(mailsTo(smtp, 'ginza@example.jp')).toEqual([]);
    expect(mailsTo(smtp, 'done@example.jp')).toEqual([]);
    const [mail] = mailsTo(smtp, 'osaka.a@example.jp');
    expect(mailsTo(smtp, 'osaka.a@example.jp')).toHaveLength(1);
    expect(decodeSubject(mail!.raw)).toBe('【株式会社テスト】マイナンバー提出のお願い');
    const body = decodeBody(mail!.raw);
    const expiry = formatJapaneseDateTime(new Date(vault.clock.now().getTime() + 14 * DAY).toISOString());
    expect(expiry).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日（[日月火水木金土]）\d{2}:\d{2}$/);
    const { url, token } = linkIn(mail!);
    expect(url).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${vault.port}/c/#[A-Za-z0-9_-]{22}$`));
    expect(body).toBe(
      DEFAULT_MAIL_TEMPLATES.invitationBody.replace('{氏名}', '大阪 花子').replaceAll('{会社名}', '株式会社テスト').replace('{URL}', url).replace('{期限}', expiry),
    );
    expect(body).not.toMatch(/\{(氏名|URL|期限|会社名)\}/);

    // The link in the mail is the registrant's live one.
    const opened = await openLink(vault, { token, passcode: PASSCODE });
    expect(opened.json).toMatchObject({ ok: true, value: { registrant: { displayName: '大阪 花子' }, state: 'open' } });
    const links = await must(vault.core, vault.admin, 'invitations.list', { registrantId: a });
    expect(links.rows.map((r: { state: string }) => r.state)).toEqual(['live']);
    expect((await openLink(vault, { token: linkIn(mailsTo(smtp, 'namba.b@example.jp')[0]!).token, passcode: PASSCODE })).json).toMatchObject({ ok: true });
    void b;
    void elsewhere;

    // The trail: one entry for the batch with its counts, one per link and per delivery — never a token, an address or a body.
    const batchEntry = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.sendMail' }, limit: 1 });
    expect(batchEntry.rows[0].detail).toEqual({ kind: 'invitation', batchId: sent.batchId, queued: 2, noEmail: 1, notApplicable: 0, filtered: true });
    const issued = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'invitations.issue', targetId: a }, limit: 5 });
    expect(issued.rows[0].detail).toMatchObject({ issuedFor: 'mail', batchId: sent.batchId });
    const delivered = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.mailSent', targetId: a }, limit: 5 });
    expect(delivered.rows.map((r: { outcome: string; actorId: string | null; detail: unknown }) => [r.outcome, r.actorId, r.detail])).toEqual([
      ['success', null, { batchId: sent.batchId, kind: 'invitation', attempts: 1 }],
    ]);
    const trail = JSON.stringify((await must(vault.core, vault.admin, 'audit.query', { limit: 200 })).rows);
    expect(trail).not.toContain(token);
    expect(trail).not.toContain('osaka.a@example.jp');
    expect(trail).not.toContain('提出のお願い');
  });

  it('sends reminders only to 未登録 and 差戻し, each with a new link that replaces the old one', async () => {
    const waiting = await person('待機', 'タイキ', { groupId: group.tokyo, email: 'waiting@example.jp' });
    const pending = await person('審査', 'シンサ', { groupId: group.tokyo, email: 'pending@example.jp' });
    const returned = await person('差戻', 'サシモドシ', { groupId: group.tokyo, email: 'returned@example.jp' });
    const manager = await signInNewUser(vault.core, vault.admin, { ...MANAGER, loginId: 'proxy.entry', email: 'proxy@example.jp', role: 'manager', password: `${MANAGER.initialPassword}-p` }, vault.clock);
    // Proxy entries waiting for a second user's approval: one stays 承認待ち, one is returned (差戻し).
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    await must(vault.core, vault.admin, 'submissions.configure', { proxyApproval: 'required' });
    await must(vault.core, manager, 'submissions.createProxy', { registrantId: pending, myNumber: generateMyNumber(61_002) });
    const toReturn = await must(vault.core, manager, 'submissions.createProxy', { registrantId: returned, myNumber: generateMyNumber(61_003) });
    await must(vault.core, vault.admin, 'submissions.return', { id: toReturn.id, reason: '写真が不鮮明です' });
    await must(vault.core, vault.admin, 'submissions.configure', { proxyApproval: 'notRequired' });

    const invited = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [waiting] } });
    await settledBatch(vault.core, vault.admin, invited.batchId);
    const oldToken = linkIn(mailsTo(smtp, 'waiting@example.jp')[0]!).token;

    const reminded = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'reminder', target: { by: 'filter', filter: { groupId: group.tokyo } } });
    // 銀座 (未登録, from before) is reminded too; 審査 (承認待ち) is not.
    expect(reminded).toMatchObject({ queued: 3, skipped: { noEmail: [], noEmailTotal: 0, notApplicable: 1 } });
    await settledBatch(vault.core, vault.admin, reminded.batchId);
    expect(mailsTo(smtp, 'pending@example.jp')).toEqual([]);
    const reminder = mailsTo(smtp, 'returned@example.jp')[0]!;
    expect(decodeSubject(reminder.raw)).toBe('【株式会社テスト】マイナンバー提出のお願い（再送）');
    expect(decodeBody(reminder.raw)).toContain('以前お送りしたリンクは使えなくなりました');

    const again = mailsTo(smtp, 'waiting@example.jp');
    expect(again).toHaveLength(2);
    expect((await openLink(vault, { token: oldToken, passcode: PASSCODE })).json).toMatchObject({ ok: false, error: { messageKey: 'errors.collection.linkRefused' } });
    expect((await openLink(vault, { token: linkIn(again[1]!).token, passcode: PASSCODE })).json).toMatchObject({ ok: true });

    // Chosen by id, one who has submitted is counted as not applicable, never mailed.
    const byId = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'reminder', target: { by: 'ids', registrantIds: [pending] } });
    expect(byId).toEqual({ batchId: null, queued: 0, skipped: { noEmail: [], noEmailTotal: 0, notApplicable: 1 } });
  });

  it('refuses to send before the passcode is set or with no SMTP server, and an unknown batch', async () => {
    const bare = await openLanVault({ passcode: null, outboxRetry: RETRY });
    try {
      const id = await newRegistrant(bare.core, bare.admin, { email: 'x@example.jp' });
      const r = await bare.core.call(bare.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [id] } });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.collectionMail.passcodeFirst' } });
      await must(bare.core, bare.admin, 'auth.reauth', { password: ADMIN.password });
      await must(bare.core, bare.admin, 'collection.configure', { companyName: '株式会社テスト', passcode: PASSCODE, requireBirthDate: false, linkValidDays: 14 });
      const noSmtp = await bare.core.call(bare.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [id] } });
      expect(noSmtp).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.mail.notConfigured' } });
      // Nothing was issued by the refused calls.
      expect((await must(bare.core, bare.admin, 'invitations.list', { registrantId: id })).rows).toEqual([]);
    } finally {
      await bare.core.close();
    }
    const unknown = await vault.core.call(vault.admin, 'collection.outboxStatus', { batchId: 'no-such-batch' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.collectionMail.batchNotFound' } });
  });
});

describe('the outbox', () => {
  it('keeps mails queued while the SMTP server is down and delivers each exactly once when it is back', async () => {
    const port = await freePort();
    await configureSmtp(vault.core, vault.admin, port);
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push(await person(`停止${i}`, 'テイシ', { email: `down${i}@example.jp` }));
    const sent = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: ids } });
    expect(sent.queued).toBe(5);

    const waiting = await until('a failed try', () => statusOf(vault.core, vault.admin, sent.batchId), (s) => s.retrying > 0);
    expect(waiting).toMatchObject({ total: 5, queued: 5, sent: 0, failed: 0, done: false, lastProblem: { code: 'smtp_unavailable', text: `connect ECONNREFUSED 127.0.0.1:${port}` } });
    // Several tries while it stays down, and still nothing given up.
    await new Promise((r) => setTimeout(r, 500));
    expect(await statusOf(vault.core, vault.admin, sent.batchId)).toMatchObject({ queued: 5, sent: 0, failed: 0 });

    const back = await startSmtp({ port });
    try {
      expect(await settledBatch(vault.core, vault.admin, sent.batchId)).toMatchObject({ total: 5, sent: 5, failed: 0, retrying: 0, lastProblem: null });
      await new Promise((r) => setTimeout(r, 300));
      expect(ids.map((_, i) => mailsTo(back, `down${i}@example.jp`).length)).toEqual([1, 1, 1, 1, 1]);
      expect(back.mails).toHaveLength(5);
    } finally {
      await configureSmtp(vault.core, vault.admin, smtp.port);
      await back.close();
    }
  });

  it('marks a mail the server refuses as failed with its reply, and sends it again with a new link on request', async () => {
    const refusing = await startSmtp({ refuseRecipient: (a) => (a.startsWith('nobody') ? `5.1.1 <${a}>: Recipient address rejected (ref aZ3kP9qLm2Xv8Rt5Yw1Bc7)` : null) });
    await configureSmtp(vault.core, vault.admin, refusing.port);
    try {
      const bad = await person('不達', 'フタツ', { email: 'nobody@example.jp' });
      const good = await person('到達', 'トウタツ', { email: 'somebody@example.jp' });
      const sent = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [bad, good] } });
      expect(await settledBatch(vault.core, vault.admin, sent.batchId)).toMatchObject({ total: 2, sent: 1, failed: 1 });
      const failures = await must(vault.core, vault.admin, 'collection.outboxFailures', { batchId: sent.batchId });
      expect(failures.rows).toEqual([
        {
          id: expect.any(String),
          registrantId: bad,
          name: '不達 花子',
          email: 'nobody@example.jp',
          code: 'smtp_rejected',
          // The server's words, without the token-like reference it echoed.
          text: '550 5.1.1 <nobody@example.jp>: Recipient address rejected (ref …)',
          attempts: 1,
          at: vault.clock.now().toISOString(),
        },
      ]);
      const entry = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.mailSent', targetId: bad }, limit: 1 });
      expect(entry.rows[0]).toMatchObject({ outcome: 'failure', detail: { batchId: sent.batchId, kind: 'invitation', attempts: 1, reason: 'mail_rejected', smtpReply: 550 } });

      // The address is corrected; the failed mail goes again with a new link (the old one was never delivered).
      const before = (await must(vault.core, vault.admin, 'invitations.list', { registrantId: bad })).rows;
      const record = (await must(vault.core, vault.admin, 'registrants.get', { id: bad })).registrant;
      await must(vault.core, vault.admin, 'registrants.update', { ...pick(record), id: bad, email: 'found@example.jp' });
      expect(await must(vault.core, vault.admin, 'collection.retryFailed', { batchId: sent.batchId })).toEqual({ requeued: 1, notApplicable: 0 });
      expect(await settledBatch(vault.core, vault.admin, sent.batchId)).toMatchObject({ total: 2, sent: 2, failed: 0 });
      const after = (await must(vault.core, vault.admin, 'invitations.list', { registrantId: bad })).rows;
      expect(after.map((r: { state: string }) => r.state)).toEqual(['live', ...before.map(() => 'replaced')]);
      expect((await openLink(vault, { token: linkIn(mailsTo(refusing, 'found@example.jp')[0]!).token, passcode: PASSCODE })).json).toMatchObject({ ok: true });
      expect(mailsTo(refusing, 'somebody@example.jp')).toHaveLength(1);
    } finally {
      await configureSmtp(vault.core, vault.admin, smtp.port);
      await refusing.close();
    }
  });

  it('does not send a queued mail whose link was replaced meanwhile', async () => {
    // A vault of its own that waits long after a failure: nothing is in flight while the link is replaced.
    const slow = await openLanVault({ outboxRetry: { baseMs: 1500, maxMs: 1500 } });
    const port = await freePort();
    try {
      await configureSmtp(slow.core, slow.admin, port);
      const id = await newRegistrant(slow.core, slow.admin, { email: 'swapped@example.jp' });
      const sent = await must(slow.core, slow.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [id] } });
      await until('a failed try', () => statusOf(slow.core, slow.admin, sent.batchId), (s) => s.retrying > 0);
      await must(slow.core, slow.admin, 'invitations.issue', { registrantIds: [id] });
      const back = await startSmtp({ port });
      try {
        expect(await settledBatch(slow.core, slow.admin, sent.batchId)).toMatchObject({ sent: 0, failed: 1 });
        expect((await must(slow.core, slow.admin, 'collection.outboxFailures', { batchId: sent.batchId })).rows[0]).toMatchObject({ code: 'link_replaced', text: null });
        expect(back.mails).toEqual([]);
      } finally {
        await back.close();
      }
    } finally {
      await slow.core.close();
    }
  });
});

function pick(r: Record<string, unknown>) {
  const keys = ['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'attributes', 'groupId', 'employeeCode'];
  return Object.fromEntries(keys.filter((k) => r[k] !== null && r[k] !== undefined).map((k) => [k, r[k]]));
}

describe('a restart of the core', () => {
  it('resumes the queued mails when the vault opens again', async () => {
    const port = await freePort();
    const first = await openLanVault({ outboxRetry: RETRY });
    const ids = [];
    await configureSmtp(first.core, first.admin, port);
    for (let i = 0; i < 3; i += 1) ids.push(await newRegistrant(first.core, first.admin, { email: `restart${i}@example.jp` }));
    const sent = await must(first.core, first.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: ids } });
    await until('a failed try', () => statusOf(first.core, first.admin, sent.batchId), (s) => s.retrying > 0);
    await first.core.close();

    const back = await startSmtp({ port });
    const core = await createCore({ dataDir: first.dataDir, keyStore: createFileKeyStore({ dataDir: first.dataDir, passphrase: TEST_PASSPHRASE }), clock: first.clock, listenerHost: createLanListenerHost(), outboxRetry: RETRY });
    try {
      await until('the resumed mails', async () => back.mails.length, (n) => n >= 3);
      await new Promise((r) => setTimeout(r, 300));
      expect(ids.map((_, i) => mailsTo(back, `restart${i}@example.jp`).length)).toEqual([1, 1, 1]);
      const raw = await openRawDb(first.dataDir, core.vaultId);
      try {
        await until('the rows to settle', async () => raw.prepare("SELECT count(*) AS n FROM mail_outbox WHERE state = 'sent'").get() as { n: number }, (r) => r.n === 3);
        expect(raw.prepare('SELECT count(*) AS n FROM mail_outbox WHERE sealed_message IS NOT NULL').get()).toEqual({ n: 0 });
      } finally {
        raw.close();
      }
    } finally {
      await core.close();
      await back.close();
    }
  });
});

describe('a manager limited to 大阪支店', () => {
  it('mails only registrants of that group, is refused others as not found, and sees only their part of a batch', async () => {
    const limited = await signInNewUser(
      vault.core,
      vault.admin,
      { ...MANAGER, loginId: 'osaka.manager', email: 'osaka.manager@example.jp', role: 'manager', password: `${MANAGER.initialPassword}-o`, groupIds: [group.osaka] },
      vault.clock,
    );
    const mine = await person('堺', 'サカイ', { groupId: group.osaka, email: 'sakai@example.jp' });
    const theirs = await person('品川', 'シナガワ', { groupId: group.tokyo, email: 'shinagawa@example.jp' });
    const nowhere = await person('無所属', 'ムショゾク', { email: 'nowhere@example.jp' });

    for (const outside of [theirs, nowhere]) {
      const r = await vault.core.call(limited, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [mine, outside] } });
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.registrants.notFound' } });
      const sheet = await vault.core.call(limited, 'invitations.printSheet', { target: { by: 'ids', registrantIds: [outside] } });
      expect(sheet).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(mailsTo(smtp, 'sakai@example.jp')).toEqual([]);

    // Everyone of the filter means everyone of their groups.
    const sent = await must(vault.core, limited, 'collection.sendMail', { kind: 'reminder', target: { by: 'filter', filter: { text: '' } } });
    await settledBatch(vault.core, limited, sent.batchId);
    expect(mailsTo(smtp, 'sakai@example.jp')).toHaveLength(1);
    expect(mailsTo(smtp, 'shinagawa@example.jp')).toEqual([]);
    expect(mailsTo(smtp, 'nowhere@example.jp')).toEqual([]);

    // The admin's batch to both groups: the limited manager sees the 大阪支店 part of it only.
    const both = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [mine, theirs] } });
    await settledBatch(vault.core, vault.admin, both.batchId);
    expect(await statusOf(vault.core, limited, both.batchId)).toMatchObject({ total: 1, sent: 1 });
    expect(await statusOf(vault.core, vault.admin, both.batchId)).toMatchObject({ total: 2, sent: 2 });
    const onlyTheirs = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [theirs] } });
    await settledBatch(vault.core, vault.admin, onlyTheirs.batchId);
    expect(await vault.core.call(limited, 'collection.outboxStatus', { batchId: onlyTheirs.batchId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const batches = await must(vault.core, limited, 'collection.outboxBatches', {});
    expect(batches.rows.map((b: { batchId: string }) => b.batchId)).not.toContain(onlyTheirs.batchId);
    expect(batches.rows.map((b: { batchId: string }) => b.batchId)).toEqual(expect.arrayContaining([sent.batchId, both.batchId]));
  });
});

describe('the QR sheets', () => {
  it('give each registrant a fresh link that opens, leave 完了 out, and are audited with counts', async () => {
    const a = await person('印刷', 'インサツ', { groupId: group.tokyo, employeeCode: 'Q001' });
    const b = await person('用紙', 'ヨウシ', { groupId: group.tokyo });
    const done = await person('済', 'スミ', { groupId: group.tokyo });
    await must(vault.core, vault.admin, 'mynumber.set', { subject: { registrantId: done }, myNumber: generateMyNumber(61_004) });

    const printed = await must(vault.core, vault.admin, 'invitations.printSheet', { target: { by: 'ids', registrantIds: [a, b, done] } });
    expect(printed).toEqual({
      companyName: '株式会社テスト',
      sheets: [
        { registrantId: a, name: '印刷 花子', nameKana: 'インサツ ハナコ', employeeCode: 'Q001', url: expect.stringMatching(/#[A-Za-z0-9_-]{22}$/), expiresAt: new Date(vault.clock.now().getTime() + 14 * DAY).toISOString() },
        { registrantId: b, name: '用紙 花子', nameKana: 'ヨウシ ハナコ', employeeCode: null, url: expect.any(String), expiresAt: expect.any(String) },
      ],
      notApplicable: 1,
    });
    for (const sheet of printed.sheets) {
      expect((await openLink(vault, { token: new URL(sheet.url).hash.slice(1), passcode: PASSCODE })).json).toMatchObject({ ok: true });
    }
    const entry = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'invitations.printSheet' }, limit: 1 });
    expect(entry.rows[0].detail).toEqual({ sheets: 2, notApplicable: 1, filtered: false });
    const issued = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'invitations.issue', targetId: b }, limit: 1 });
    expect(issued.rows[0].detail).toMatchObject({ issuedFor: 'sheet' });
    expect(JSON.stringify(entry)).not.toContain(new URL(printed.sheets[0].url).hash.slice(1));

    // A filter's: every registrant it finds.
    const byFilter = await must(vault.core, vault.admin, 'invitations.printSheet', { target: { by: 'filter', filter: { text: 'インサツ' } } });
    expect(byFilter.sheets.map((s: { registrantId: string }) => s.registrantId)).toEqual([a]);
  });
});

describe('at rest', () => {
  it('keeps no link, token or mail text readable in the database or its files, queued or sent', async () => {
    const port = await freePort();
    await configureSmtp(vault.core, vault.admin, port);
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push(await person(`保管${i}`, 'ホカン', { email: `rest${i}@example.jp` }));
    const sent = await must(vault.core, vault.admin, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: ids } });
    await until('a failed try', () => statusOf(vault.core, vault.admin, sent.batchId), (s) => s.retrying > 0);

    // What only a rendered mail holds: its greeting line, its link, its recipient.
    const phrases = ['保管0 花子 様', `127.0.0.1:${vault.port}/c/#`, 'rest0@example.jp'];
    const raw = await openRawDb(vault.dataDir, vault.core.vaultId);
    const columnsHolding = (needles: string[]) => {
      const found: string[] = [];
      const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      for (const table of tables) {
        for (const row of raw.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
          for (const [column, value] of Object.entries(row)) {
            const forms = Buffer.isBuffer(value) ? [value.toString('utf8'), value.toString('latin1')] : [String(value)];
            for (const n of needles) if (forms.some((f) => f.includes(n))) found.push(`${table}.${column}: ${n}`);
          }
        }
      }
      return found;
    };
    try {
      expect(raw.prepare("SELECT count(*) AS n FROM mail_outbox WHERE batch_id = ? AND state = 'queued' AND sealed_message IS NOT NULL").get(sent.batchId)).toEqual({ n: 3 });
      // The address is the registrant's own (and their search index's); the outbox holds it only sealed.
      expect(columnsHolding(phrases).filter((c) => !c.startsWith('registrant'))).toEqual([]);
      expect(columnsHolding(phrases)).toContain('registrants.email: rest0@example.jp');

      const back = await startSmtp({ port });
      try {
        await settledBatch(vault.core, vault.admin, sent.batchId);
        const tokens = ids.map((_, i) => linkIn(mailsTo(back, `rest${i}@example.jp`)[0]!).token);
        expect(raw.prepare('SELECT count(*) AS n FROM mail_outbox WHERE batch_id = ? AND sealed_message IS NOT NULL').get(sent.batchId)).toEqual({ n: 0 });
        expect(columnsHolding([...phrases, ...tokens]).filter((c) => !c.startsWith('registrant'))).toEqual([]);

        // Nor in any file of the data directory (the database is encrypted, the WAL and all).
        const files = fs.readdirSync(vault.dataDir, { recursive: true }) as string[];
        for (const file of files) {
          const full = path.join(vault.dataDir, file);
          if (!fs.statSync(full).isFile()) continue;
          const bytes = fs.readFileSync(full);
          for (const secret of [...tokens, ...phrases]) expect(bytes.includes(Buffer.from(secret, 'utf8')), `${file} holds ${secret}`).toBe(false);
        }
      } finally {
        await configureSmtp(vault.core, vault.admin, smtp.port);
        await back.close();
      }
    } finally {
      raw.close();
    }
  });
});
