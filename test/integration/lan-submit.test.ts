// POST /c/api/submit over the real listener and real TLS: the registrant hands in their number
// with the documents of the combination they chose and a dependent with theirs; it becomes one
// submission waiting for review (承認待ち), the photos bound to it and retaken ones dropped;
// after that the link shows "submitted" and nothing can be changed. Refusals change nothing:
// missing or foreign documents, a second submission, parallel submissions (one wins), a
// session gone. "I will not provide my number" moves the registrant to 拒否 with the reason in
// the history. Sent back (差戻し), the form opens again with HR's reason; approved, the link
// locks. A number another person holds is not refused to the phone (that would tell who is in
// the vault): the review shows it and the approval refuses it. Nothing of a number reaches
// the audit trail.
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src-main/core/platform/db/open';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, phoneRequest, uploadDocument, type LanVault } from '../support/lan';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { ADMIN, must } from '../support/vault';

let vault: LanVault;
let raw: Db;
let photo: Buffer;
let seed = 5000;
const nextNumber = () => generateMyNumber(seed++);

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vault = await openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000 });
  raw = await openRawDb(vault.dataDir, vault.core.vaultId);
  photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#88a' } }).jpeg().toBuffer();
});
beforeEach(() => vault.advance(16 * 60_000));
afterAll(async () => {
  raw.close();
  await vault.core.close();
  vi.restoreAllMocks();
});

const bearer = (session: string) => ({ authorization: `Bearer ${session}` });
const submit = (session: string, body: unknown) => phoneRequest(vault, 'POST', '/c/api/submit', body, bearer(session));
const state = (session: string) => phoneRequest(vault, 'POST', '/c/api/state', {}, bearer(session));
const statusOf = (id: string) => (raw.prepare('SELECT status FROM registrants WHERE id = ?').get(id) as { status: string }).status;
const submissionsOf = (id: string) => raw.prepare('SELECT id, source, state, document_set, review_required, entered_by FROM submissions WHERE registrant_id = ? ORDER BY created_at').all(id) as any[];
const documentsOf = (id: string) => raw.prepare('SELECT id, subject, kind, submission_id FROM documents WHERE registrant_id = ? ORDER BY created_at, rowid').all(id) as any[];

async function person(familyName: string, familyNameKana: string) {
  const id = await newRegistrant(vault.core, vault.admin, { familyName, familyNameKana });
  const { token } = await issueLink(vault.core, vault.admin, id);
  const opened = await openLink(vault, { token, passcode: PASSCODE });
  expect(opened.status, opened.text).toBe(200);
  return { id, token, session: opened.json.value.session as string };
}

async function upload(session: string, kind: string, subject = 'self'): Promise<string> {
  const r = await uploadDocument(vault, session, { kind, subject, file: photo });
  expect(r.status, r.text).toBe(200);
  return r.json.value.documentId as string;
}

const child = (tempId: string, myNumber?: string) => ({
  tempId,
  relationship: 'child',
  familyName: '山田',
  givenName: '花',
  familyNameKana: 'ヤマダ',
  givenNameKana: 'ハナ',
  birthDate: '2015-06-01',
  taxDependent: true,
  ...(myNumber ? { myNumber } : {}),
});

async function auditOf(registrantId: string, action: string) {
  return (await must(vault.core, vault.admin, 'audit.query', { filter: { action, targetId: registrantId }, limit: 100 })).rows as any[];
}

describe('submitting the form', () => {
  it('stores one submission waiting for review, with the chosen documents and a dependent with theirs', async () => {
    const p = await person('提出', 'テイシュツ');
    const front = await upload(p.session, 'card_front');
    const retaken = await upload(p.session, 'card_back');
    const back = await upload(p.session, 'card_back');
    const childNotice = await upload(p.session, 'notice_card', 'dep-1');
    const childId = await upload(p.session, 'photo_id', 'dep-1');
    const self = nextNumber();
    const childNumber = nextNumber();

    const r = await submit(p.session, {
      myNumber: self,
      documentSet: 'card',
      documentIds: [front, back, childNotice, childId],
      dependents: [{ ...child('dep-1', childNumber), documentSet: 'notice_card_and_id' }],
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ ok: true, value: { state: 'submitted' } });

    expect(statusOf(p.id)).toBe('pending');
    const [row] = submissionsOf(p.id);
    expect(row).toMatchObject({ source: 'registrant', state: 'pending', document_set: 'card', review_required: 1, entered_by: null });
    // The retaken photo is gone; the four named ones belong to the submission.
    expect(documentsOf(p.id).map((d) => [d.id, d.subject, d.submission_id])).toEqual([
      [front, 'self', row.id],
      [back, 'self', row.id],
      [childNotice, 'dep-1', row.id],
      [childId, 'dep-1', row.id],
    ]);
    expect(documentsOf(p.id).some((d) => d.id === retaken)).toBe(false);

    // The link now says "submitted", and nothing can be added.
    expect((await state(p.session)).json.value.state).toBe('submitted');
    const late = await uploadDocument(vault, p.session, { kind: 'card_front', subject: 'self', file: photo });
    expect(late.json.error.code).toBe('CONFLICT');
    const again = await submit(p.session, { myNumber: self, documentSet: 'card', documentIds: [front, back], dependents: [] });
    expect(again.json.error).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.submissions.alreadySubmitted' });
    expect(submissionsOf(p.id)).toHaveLength(1);

    // The review sees the documents by person, the dependent, and no number.
    const { submission } = await must(vault.core, vault.admin, 'submissions.get', { id: row.id });
    expect(submission).toMatchObject({ source: 'registrant', documentSet: 'card', hasMyNumber: true, numberHeldElsewhere: false, enteredBy: null, mayApprove: true });
    expect(submission.dependents).toEqual([expect.objectContaining({ position: 0, familyName: '山田', givenName: '花', hasMyNumber: true, documentSet: 'notice_card_and_id' })]);
    expect(submission.documents.map((d: any) => [d.kind, d.subject])).toEqual([
      ['card_front', 'self'],
      ['card_back', 'self'],
      ['notice_card', { dependentPosition: 0, name: '山田 花' }],
      ['photo_id', { dependentPosition: 0, name: '山田 花' }],
    ]);
    expect(JSON.stringify(submission)).not.toContain(self);

    const entry = (await auditOf(p.id, 'collection.submit')).find((e) => e.outcome === 'success');
    expect(entry).toMatchObject({ detail: { submissionId: row.id, documentSet: 'card', documents: 4, dependents: 1, numbers: 2, dropped: 1, fromStatus: 'unregistered', toStatus: 'pending', clientAddress: '127.0.0.1' } });
    const trail = JSON.stringify(await must(vault.core, vault.admin, 'audit.query', { filter: { targetId: p.id }, limit: 200 }));
    for (const digits of [self, childNumber]) expect(trail).not.toContain(digits);

    // Approved: numbers stored, the dependent created, the link locked.
    await must(vault.core, vault.admin, 'submissions.approve', { id: row.id });
    expect(statusOf(p.id)).toBe('completed');
    const dependents = (await must(vault.core, vault.admin, 'dependents.list', { registrantId: p.id })).rows;
    expect(dependents).toEqual([expect.objectContaining({ givenName: '花', hasMyNumber: true })]);
    // The session of a completed link has ended; the link no longer opens.
    expect((await state(p.session)).json.error.code).toBe('FORBIDDEN');
    const reopened = await openLink(vault, { token: p.token, passcode: PASSCODE });
    expect(reopened.json.error.code).toBe('FORBIDDEN');
  });

  it('refuses a combination left incomplete, and changes nothing', async () => {
    const p = await person('不足', 'フソク');
    const front = await upload(p.session, 'card_front');
    const r = await submit(p.session, { myNumber: nextNumber(), documentSet: 'card', documentIds: [front], dependents: [] });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.documents.missing' });
    expect(statusOf(p.id)).toBe('unregistered');
    expect(submissionsOf(p.id)).toEqual([]);
    expect(documentsOf(p.id).map((d) => d.submission_id)).toEqual([null]);
    expect((await auditOf(p.id, 'collection.submit'))[0]).toMatchObject({ outcome: 'failure', detail: { reason: 'missing_documents' } });

    // A dependent's own combination is checked too, by name.
    const notice = await upload(p.session, 'notice_card', 'kid');
    const back = await upload(p.session, 'card_back');
    const d = await submit(p.session, { myNumber: nextNumber(), documentSet: 'card', documentIds: [front, back, notice], dependents: [{ ...child('kid'), documentSet: 'notice_card_and_id' }] });
    expect(d.json.error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.documents.missingDependent', params: { name: '山田 花' } });
    expect(statusOf(p.id)).toBe('unregistered');
  });

  it('refuses another registrant’s photo, an unknown id, a photo named twice and a document of a dependent not in the submission', async () => {
    const a = await person('他人', 'タニン');
    const b = await person('本人', 'ホンニン');
    const foreign = await upload(a.session, 'card_back');
    const front = await upload(b.session, 'card_front');
    const back = await upload(b.session, 'card_back');
    const stray = await upload(b.session, 'photo_id', 'nobody');
    for (const documentIds of [
      [front, foreign],
      [front, back, 'no-such-document'],
      [front, back, back],
      [front, back, stray],
    ]) {
      const r = await submit(b.session, { myNumber: nextNumber(), documentSet: 'card', documentIds, dependents: [] });
      expect(r.json.error, JSON.stringify(documentIds)).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.documents.unknown' });
    }
    expect(statusOf(b.id)).toBe('unregistered');
    expect(documentsOf(a.id).map((d) => d.submission_id)).toEqual([null]);
  });

  it('refuses a wrong check digit, a number given twice and unknown fields, in the form’s language', async () => {
    const p = await person('検査', 'ケンサ');
    const front = await upload(p.session, 'card_front');
    const back = await upload(p.session, 'card_back');
    const good = nextNumber();
    const bad = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    const wrong = await submit(p.session, { myNumber: bad, documentSet: 'card', documentIds: [front, back], dependents: [] });
    expect(wrong.json.error.code).toBe('VALIDATION');
    expect(wrong.text).not.toContain(bad);
    const twice = await submit(p.session, { myNumber: good, documentSet: 'card', documentIds: [front, back], dependents: [child('k', good)] });
    expect(twice.json.error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.submissions.duplicateNumber' });
    const extra = await submit(p.session, { myNumber: good, documentSet: 'card', documentIds: [front, back], dependents: [], registrantId: 'someone-else' });
    expect(extra.json.error.code).toBe('VALIDATION');
    expect(statusOf(p.id)).toBe('unregistered');
  });

  it('takes one of ten parallel submissions and refuses the rest', async () => {
    const p = await person('並列', 'ヘイレツ');
    const front = await upload(p.session, 'card_front');
    const back = await upload(p.session, 'card_back');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => submit(p.session, { myNumber: nextNumber(), documentSet: 'card', documentIds: [front, back], dependents: [] })),
    );
    expect(results.filter((r) => r.json.ok)).toHaveLength(1);
    // Those that came after find it submitted, or its photos taken.
    for (const r of results.filter((x) => !x.json.ok)) expect(['errors.submissions.alreadySubmitted', 'errors.documents.unknown']).toContain(r.json.error.messageKey);
    expect(submissionsOf(p.id)).toHaveLength(1);
  });

  it('refuses without a session, and with a session of a link revoked since', async () => {
    const none = await phoneRequest(vault, 'POST', '/c/api/submit', { decline: { reason: '理由' } });
    expect(none.json.error.code).toBe('FORBIDDEN');
    const p = await person('失効', 'シッコウ');
    await must(vault.core, vault.admin, 'invitations.revoke', { registrantId: p.id });
    const r = await submit(p.session, { decline: { reason: '提供したくない' } });
    expect(r.json.error).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.collection.sessionGone' });
    expect(statusOf(p.id)).toBe('unregistered');
  });

  it('keeps script and HTML in every text field as the text typed', async () => {
    const p = await person('文字', 'モジ');
    const front = await upload(p.session, 'card_front');
    const back = await upload(p.session, 'card_back');
    const nasty = ['<img src=x onerror=alert(1)>', '<script>alert("家族")</script>', '"><svg onload=alert(2)>', "'; DROP TABLE registrants; --"];
    const r = await submit(p.session, {
      myNumber: nextNumber(),
      documentSet: 'card',
      documentIds: [front, back],
      dependents: nasty.map((text, i) => ({ ...child(`x${i}`), familyName: text, givenName: text.split('').reverse().join('') })),
    });
    expect(r.status, r.text).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    const [row] = submissionsOf(p.id);
    const { submission } = await must(vault.core, vault.admin, 'submissions.get', { id: row.id });
    expect(submission.dependents.map((d: any) => [d.familyName, d.givenName])).toEqual(nasty.map((text) => [text, text.split('').reverse().join('')]));
    expect((raw.prepare('SELECT count(*) AS n FROM registrants').get() as { n: number }).n).toBeGreaterThan(0);

    // The decline reason, too, is kept as typed (in the history, never the trail).
    const q = await person('拒否文字', 'キョヒモジ');
    expect((await submit(q.session, { decline: { reason: nasty[1] } })).json.ok).toBe(true);
    const { rows } = await must(vault.core, vault.admin, 'registrants.history', { registrantId: q.id });
    expect(rows.at(-1).reason).toBe(nasty[1]);
  });
});

describe('declining from the phone', () => {
  it('moves the registrant to 拒否 with the reason in the history, and the form may still be handed in later', async () => {
    const p = await person('辞退', 'ジタイ');
    const r = await submit(p.session, { decline: { reason: '家族と相談してから提出します' } });
    expect(r.json).toEqual({ ok: true, value: { state: 'declined' } });
    expect(statusOf(p.id)).toBe('declined');
    const { rows } = await must(vault.core, vault.admin, 'registrants.history', { registrantId: p.id });
    expect(rows.at(-1)).toMatchObject({ from: 'unregistered', to: 'declined', via: 'decline', reason: '家族と相談してから提出します', actorId: null });
    const [entry] = await auditOf(p.id, 'collection.decline');
    expect(entry).toMatchObject({ outcome: 'success', detail: { fromStatus: 'unregistered', toStatus: 'declined' } });
    expect(JSON.stringify(entry)).not.toContain('家族と相談');
    expect((await state(p.session)).json.value.state).toBe('declined');
    expect((await submit(p.session, { decline: { reason: 'もう一度' } })).json.error.messageKey).toBe('errors.submissions.alreadyDeclined');

    const front = await upload(p.session, 'card_front');
    const back = await upload(p.session, 'card_back');
    const later = await submit(p.session, { myNumber: nextNumber(), documentSet: 'card', documentIds: [front, back], dependents: [] });
    expect(later.json.value).toEqual({ state: 'submitted' });
    expect(statusOf(p.id)).toBe('pending');
  });

  it('asks for a reason that carries no My Number', async () => {
    const p = await person('理由', 'リユウ');
    expect((await submit(p.session, { decline: { reason: '' } })).json.error.code).toBe('VALIDATION');
    const number = nextNumber();
    const r = await submit(p.session, { decline: { reason: `番号は ${number} です` } });
    expect(r.json.error.code).toBe('VALIDATION');
    expect(r.text).not.toContain(number);
    expect(statusOf(p.id)).toBe('unregistered');
  });
});

describe('after the review', () => {
  it('opens again with HR’s reason when sent back, and takes the corrected submission', async () => {
    const p = await person('差戻', 'サシモドシ');
    const front = await upload(p.session, 'card_front');
    const back = await upload(p.session, 'card_back');
    await submit(p.session, { myNumber: nextNumber(), documentSet: 'card', documentIds: [front, back], dependents: [] });
    const [first] = submissionsOf(p.id);
    await must(vault.core, vault.admin, 'submissions.return', { id: first.id, reason: '裏面の写真がぼやけています。撮り直してください' });
    const reopened = await state(p.session);
    expect(reopened.json.value).toMatchObject({ state: 'returned', returnReason: '裏面の写真がぼやけています。撮り直してください' });
    // The first submission's photos stay with it; new ones are needed.
    const reused = await submit(p.session, { myNumber: nextNumber(), documentSet: 'card', documentIds: [front, back], dependents: [] });
    expect(reused.json.error.messageKey).toBe('errors.documents.unknown');
    const front2 = await upload(p.session, 'card_front');
    const back2 = await upload(p.session, 'card_back');
    const fixed = await submit(p.session, { myNumber: nextNumber(), documentSet: 'card', documentIds: [front2, back2], dependents: [] });
    expect(fixed.json.value).toEqual({ state: 'submitted' });
    expect(submissionsOf(p.id).map((s) => s.state)).toEqual(['returned', 'pending']);
  });

  it('accepts a number someone else holds, shows it to the reviewer and refuses to approve it', async () => {
    const holder = await newRegistrant(vault.core, vault.admin, { familyName: '保持', familyNameKana: 'ホジ' });
    const taken = nextNumber();
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    await must(vault.core, vault.admin, 'submissions.configure', { proxyApproval: 'notRequired' });
    await must(vault.core, vault.admin, 'submissions.createProxy', { registrantId: holder, myNumber: taken });
    await must(vault.core, vault.admin, 'submissions.configure', { proxyApproval: 'auto' });

    const p = await person('重複', 'チョウフク');
    const front = await upload(p.session, 'card_front');
    const back = await upload(p.session, 'card_back');
    const r = await submit(p.session, { myNumber: taken, documentSet: 'card', documentIds: [front, back], dependents: [] });
    expect(r.json.value).toEqual({ state: 'submitted' });
    const [row] = submissionsOf(p.id);
    const { submission } = await must(vault.core, vault.admin, 'submissions.get', { id: row.id });
    expect(submission.numberHeldElsewhere).toBe(true);
    const approve = await vault.core.call(vault.admin, 'submissions.approve', { id: row.id });
    expect(approve).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(statusOf(p.id)).toBe('pending');
  });
});
