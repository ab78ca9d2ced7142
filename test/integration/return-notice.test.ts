// 差戻し of a registrant's own submission mails them HR's reason over a real SMTP server on
// 127.0.0.1: after the return is committed, with no link and no number in it, and audited
// (whether it went, never its text). A proxy entry sent back mails nobody; a registrant
// without an address is recorded as not mailed.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, phoneRequest, uploadDocument, type LanVault } from '../support/lan';
import { generateMyNumber } from '../support/numbers';
import { decodeBody, decodeSubject, startSmtp, type TestSmtp } from '../support/smtp';
import { ADMIN, configureSmtp, must } from '../support/vault';

let vault: LanVault;
let smtp: TestSmtp;
let photo: Buffer;
let seed = 8700;
const REASON = '裏面の写真が暗くて読めません。明るい場所で撮り直してください';

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  smtp = await startSmtp();
  vault = await openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000 });
  await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
  await configureSmtp(vault.core, vault.admin, smtp.port);
  photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#9ab' } }).jpeg().toBuffer();
});
afterAll(async () => {
  await vault.core.close();
  await smtp.close();
  vi.restoreAllMocks();
});

async function submitted(email?: string) {
  const id = await newRegistrant(vault.core, vault.admin, { familyName: '差戻', givenName: '花子', familyNameKana: 'サシモドシ', ...(email ? { email } : {}) });
  const { token } = await issueLink(vault.core, vault.admin, id);
  const session = (await openLink(vault, { token, passcode: PASSCODE })).json.value.session as string;
  const up = async (kind: string) => (await uploadDocument(vault, session, { kind, subject: 'self', file: photo })).json.value.documentId as string;
  const number = generateMyNumber(seed++);
  const r = await phoneRequest(vault, 'POST', '/c/api/submit', { myNumber: number, documentSet: 'card', documentIds: [await up('card_front'), await up('card_back')], dependents: [] }, { authorization: `Bearer ${session}` });
  expect(r.json.ok, r.text).toBe(true);
  const { rows } = await must(vault.core, vault.admin, 'submissions.list', { status: 'pending', limit: 500 });
  return { id, token, number, submissionId: rows.find((s: any) => s.registrantId === id).id as string };
}

const notices = async (registrantId: string) =>
  (await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.returnNotice', targetId: registrantId }, limit: 10 })).rows as any[];

describe('the return notice', () => {
  it('mails the registrant HR’s reason, with no link and no number, and records that it went', async () => {
    const p = await submitted('sashimodoshi@example.jp');
    await must(vault.core, vault.admin, 'submissions.return', { id: p.submissionId, reason: REASON });
    const mail = await smtp.waitForMail('sashimodoshi@example.jp');
    const body = decodeBody(mail.raw);
    expect(decodeSubject(mail.raw)).toBe('【株式会社テスト】マイナンバーの再提出のお願い');
    expect(body).toContain('差戻 花子 様');
    expect(body).toContain(`理由：${REASON}`);
    expect(body).toContain('以前お送りしたリンクをもう一度開き');
    for (const secret of [p.token, p.number, 'https://']) expect(mail.raw).not.toContain(secret);
    await expect.poll(async () => (await notices(p.id)).map((e) => e.outcome)).toEqual(['success']);
    expect(JSON.stringify(await notices(p.id))).not.toContain(REASON);
  });

  it('records a registrant without an address as not mailed, and mails nobody for a proxy entry sent back', async () => {
    const before = smtp.mails.length;
    const p = await submitted();
    await must(vault.core, vault.admin, 'submissions.return', { id: p.submissionId, reason: REASON });
    await expect.poll(async () => (await notices(p.id)).map((e) => [e.outcome, e.detail.reason])).toEqual([['failure', 'no_email']]);

    await must(vault.core, vault.admin, 'submissions.configure', { proxyApproval: 'required' });
    const proxied = await newRegistrant(vault.core, vault.admin, { familyName: '代理', familyNameKana: 'ダイリ', email: 'dairi@example.jp' });
    const { id } = await must(vault.core, vault.admin, 'submissions.createProxy', { registrantId: proxied, myNumber: generateMyNumber(8801) });
    await must(vault.core, vault.admin, 'submissions.return', { id, reason: REASON });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.length).toBe(before);
    expect(await notices(proxied)).toEqual([]);
  });
});
