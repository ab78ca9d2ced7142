// The cross-check end to end: photos taken on the phone (drawn card-like images, sent through
// the real listener and the upload pipeline), a submission, and the verdict the review shows
// once the check has run off the request — 写真の番号と一致 for the number on the card's QR code,
// 不一致 for a different valid number, and for a dependent's 通知カード read by OCR. Nothing read
// is kept: only the verdict, and the phone's answer never waits for it. A submission left
// without a verdict when the app closed is checked when it opens again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { createLanListenerHost } from '../../src-main/lan';
import type { Db } from '../../src-main/core/platform/db/open';
import { cardBackPhoto, noticeCardPhoto } from '../support/card-images';
import { picture } from '../support/images';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, phoneRequest, uploadDocument, type LanVault } from '../support/lan';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { must, TEST_PASSPHRASE } from '../support/vault';

let vault: LanVault;
let front: Buffer;

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vault = await openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000 });
  front = await (await picture(1200, 760)).jpeg().toBuffer();
});
afterAll(async () => {
  await vault.core.close();
  vi.restoreAllMocks();
});

async function submitWith(back: Buffer, typed: string, dependent?: { notice: Buffer; id: Buffer; number: string }) {
  const id = await newRegistrant(vault.core, vault.admin, { familyName: '照合', familyNameKana: 'ショウゴウ' });
  const { token } = await issueLink(vault.core, vault.admin, id);
  const session = (await openLink(vault, { token, passcode: PASSCODE })).json.value.session as string;
  const up = async (kind: string, file: Buffer, subject = 'self') => (await uploadDocument(vault, session, { kind, subject, file })).json.value.documentId as string;
  const ids = [await up('card_front', front), await up('card_back', back)];
  if (dependent) ids.push(await up('notice_card', dependent.notice, 'kid'), await up('photo_id', dependent.id, 'kid'));
  const r = await phoneRequest(
    vault,
    'POST',
    '/c/api/submit',
    {
      myNumber: typed,
      documentSet: 'card',
      documentIds: ids,
      dependents: dependent
        ? [{ tempId: 'kid', relationship: 'child', familyName: '照合', givenName: '子', familyNameKana: 'ショウゴウ', givenNameKana: 'コ', myNumber: dependent.number, documentSet: 'notice_card_and_id' }]
        : [],
    },
    { authorization: `Bearer ${session}` },
  );
  expect(r.json, r.text).toEqual({ ok: true, value: { state: 'submitted' } });
  const { rows } = await must(vault.core, vault.admin, 'submissions.list', { status: 'pending', limit: 500 });
  return rows.find((s: any) => s.registrantId === id).id as string;
}

const verdicts = async (submissionId: string) => {
  const { submission } = await must(vault.core, vault.admin, 'submissions.get', { id: submissionId });
  return { self: submission.crossCheck, dependents: submission.dependents.map((d: any) => d.crossCheck) };
};

describe('the cross-check of a phone submission', () => {
  it('says 一致 for the number on the card and on a dependent’s 通知カード, 不一致 for another number', async () => {
    const mine = generateMyNumber(91);
    const childs = generateMyNumber(92);
    const matching = await submitWith(await cardBackPhoto(mine, { angle: 3, seed: 7 }), mine, { notice: await noticeCardPhoto(childs, { angle: -2, seed: 8 }), id: front, number: childs });
    const other = generateMyNumber(93);
    const differing = await submitWith(await cardBackPhoto(other, { angle: -4, seed: 9 }), generateMyNumber(94));
    // Not checked yet while the phone had its answer (or just done): either way no guess is shown.
    expect([null, 'match']).toContain((await verdicts(matching)).self);
    await vault.core.crossChecksIdle();
    expect(await verdicts(matching)).toEqual({ self: 'match', dependents: ['match'] });
    expect(await verdicts(differing)).toEqual({ self: 'mismatch', dependents: [] });
  });

  it('waits while other phones are still uploading, and checks once they have been quiet for two seconds', async () => {
    const mine = generateMyNumber(96);
    const waiting = await submitWith(await cardBackPhoto(mine, { seed: 12 }), mine);
    // Another phone keeps sending photos, one after the other, for about five seconds.
    const other = await newRegistrant(vault.core, vault.admin, { familyName: '送信中', familyNameKana: 'ソウシンチュウ' });
    const { token } = await issueLink(vault.core, vault.admin, other);
    const session = (await openLink(vault, { token, passcode: PASSCODE })).json.value.session as string;
    const until = performance.now() + 5_000;
    while (performance.now() < until) {
      expect((await uploadDocument(vault, session, { kind: 'card_front', subject: 'self', file: front })).status).toBe(200);
      expect((await verdicts(waiting)).self).toBeNull();
    }
    const quietFrom = performance.now();
    await vault.core.crossChecksIdle();
    expect(performance.now() - quietFrom).toBeGreaterThanOrEqual(1_900);
    expect((await verdicts(waiting)).self).toBe('match');
  });

  it('checks, when the vault opens, a submission left without a verdict', async () => {
    const mine = generateMyNumber(95);
    const id = await submitWith(await cardBackPhoto(mine, { seed: 11 }), mine);
    await vault.core.crossChecksIdle();
    const raw: Db = await openRawDb(vault.dataDir, vault.core.vaultId);
    raw.prepare('UPDATE submissions SET cross_check = NULL WHERE id = ?').run(id);
    raw.close();
    await vault.core.close();

    const core = await createCore({ dataDir: vault.dataDir, keyStore: createFileKeyStore({ dataDir: vault.dataDir, passphrase: TEST_PASSPHRASE }), clock: vault.clock, listenerHost: createLanListenerHost() });
    await core.crossChecksIdle();
    const check = await openRawDb(vault.dataDir, core.vaultId);
    expect((check.prepare('SELECT cross_check FROM submissions WHERE id = ?').get(id) as { cross_check: string }).cross_check).toBe('match');
    check.close();
    vault = { ...vault, core };
  });
});
