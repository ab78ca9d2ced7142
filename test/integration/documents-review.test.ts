// ID document images in the desktop app: HR attaches an image for someone without a phone
// (checked and re-encoded like the phone form's, metadata gone); the list shows what was handed
// in or attached and who attached it, never an image; each opening of an image or thumbnail is
// audited as a use for the identity check (本人確認). A limited manager reaches no document of
// a registrant outside their groups (NOT_FOUND, as if it did not exist), and the phone form's
// drafts are not the desktop app's to open. Drafts no submission took are removed after three
// days; handed-in and attached images stay.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src-main/core/platform/db/open';
import { jpegWithGps } from '../support/images';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, phoneRequest, uploadDocument, type LanVault } from '../support/lan';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { ADMIN, MANAGER, must, signInNewUser } from '../support/vault';

let vault: LanVault;
let raw: Db;
let gpsJpeg: Buffer;
let tokyo: string;
let osaka: string;
let osakaManager: string;

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vault = await openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000 });
  raw = await openRawDb(vault.dataDir, vault.core.vaultId);
  gpsJpeg = await jpegWithGps(1200, 800);
  tokyo = (await must(vault.core, vault.admin, 'groups.create', { name: '東京本社' })).id;
  osaka = (await must(vault.core, vault.admin, 'groups.create', { name: '大阪支店' })).id;
  await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
  osakaManager = await signInNewUser(vault.core, vault.admin, { ...MANAGER, role: 'manager', password: 'osaka-no-tenchou-desu-9', groupIds: [osaka] }, vault.clock);
});
afterAll(async () => {
  raw.close();
  await vault.core.close();
  vi.restoreAllMocks();
});

const attach = (session: string, registrantId: string, file: Buffer, kind = 'photo_id') =>
  vault.core.call(session, 'documents.attach', { registrantId, kind, imageBase64: file.toString('base64') }) as Promise<any>;
const views = async (registrantId: string) =>
  (await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'documents.view', targetId: registrantId }, limit: 100 })).rows as any[];

describe('attaching and viewing ID images', () => {
  it('attaches an image re-encoded without its metadata, lists it with who attached it, and audits each view', async () => {
    const id = await newRegistrant(vault.core, vault.admin, { familyName: '添付', familyNameKana: 'テンプ', groupId: tokyo });
    const attached = await attach(vault.admin, id, gpsJpeg);
    expect(attached).toEqual({ ok: true, value: { documentId: expect.any(String) } });
    const documentId = attached.value.documentId as string;

    const { documents } = await must(vault.core, vault.admin, 'documents.list', { registrantId: id });
    expect(documents).toEqual([{ id: documentId, kind: 'photo_id', subject: 'self', submissionId: null, attachedBy: ADMIN.loginId, createdAt: expect.any(String) }]);
    expect(JSON.stringify(documents)).not.toMatch(/base64|\/9j\//);

    const image = await must(vault.core, vault.admin, 'documents.view', { documentId, part: 'image' });
    expect(image.mimeType).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(image.base64, 'base64')).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 800, 1200, undefined]);
    const thumb = await must(vault.core, vault.admin, 'documents.view', { documentId, part: 'thumbnail' });
    expect((await sharp(Buffer.from(thumb.base64, 'base64')).metadata()).height).toBeLessThanOrEqual(320);

    const trail = await views(id);
    expect(trail.map((e) => [e.outcome, e.detail.part, e.detail.purpose, e.detail.documentId])).toEqual([
      ['success', 'thumbnail', 'identity_check', documentId],
      ['success', 'image', 'identity_check', documentId],
    ]);
    const [attachEntry] = (await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'documents.attach', targetId: id }, limit: 10 })).rows;
    expect(attachEntry).toMatchObject({ outcome: 'success', detail: { documentId, kind: 'photo_id', inputType: 'jpeg' } });
  });

  it('refuses a text file, an SVG and a wrong kind, and stores nothing', async () => {
    const id = await newRegistrant(vault.core, vault.admin, { familyName: '拒否', familyNameKana: 'キョヒ' });
    const count = () => (raw.prepare('SELECT count(*) AS n FROM documents WHERE registrant_id = ?').get(id) as { n: number }).n;
    expect((await attach(vault.admin, id, Buffer.from('just some text, named photo.jpg'))).error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.documents.unsupportedType' });
    expect((await attach(vault.admin, id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).error.code).toBe('VALIDATION');
    expect((await attach(vault.admin, id, gpsJpeg, 'passport')).error.code).toBe('VALIDATION');
    expect(count()).toBe(0);
  });

  it('gives a limited manager nothing of a registrant outside their groups', async () => {
    const outside = await newRegistrant(vault.core, vault.admin, { familyName: '東京', familyNameKana: 'トウキョウ', groupId: tokyo });
    const inside = await newRegistrant(vault.core, vault.admin, { familyName: '大阪', familyNameKana: 'オオサカ', groupId: osaka });
    const documentId = (await attach(vault.admin, outside, gpsJpeg)).value.documentId;
    for (const [channel, input] of [
      ['documents.list', { registrantId: outside }],
      ['documents.view', { documentId, part: 'image' }],
      ['documents.attach', { registrantId: outside, kind: 'photo_id', imageBase64: gpsJpeg.toString('base64') }],
    ] as const) {
      const r = (await vault.core.call(osakaManager, channel, input)) as any;
      expect(r.error?.code, channel).toBe('NOT_FOUND');
    }
    expect((await views(outside)).filter((e) => e.outcome === 'success')).toEqual([]);
    // Within their groups, the same manager may.
    const own = await attach(osakaManager, inside, gpsJpeg);
    expect(own.ok).toBe(true);
    expect((await must(vault.core, osakaManager, 'documents.view', { documentId: own.value.documentId, part: 'thumbnail' })).mimeType).toBe('image/jpeg');
  });
});

describe('the phone form’s drafts', () => {
  it('are not listed or opened before they are handed in, and are removed after three days unless a submission took them', async () => {
    const id = await newRegistrant(vault.core, vault.admin, { familyName: '下書', familyNameKana: 'シタガキ' });
    const { token } = await issueLink(vault.core, vault.admin, id);
    const session = (await openLink(vault, { token, passcode: PASSCODE })).json.value.session as string;
    const up = async (kind: string) => (await uploadDocument(vault, session, { kind, subject: 'self', file: gpsJpeg })).json.value.documentId as string;
    const draft = await up('card_front');
    expect((await must(vault.core, vault.admin, 'documents.list', { registrantId: id })).documents).toEqual([]);
    expect(((await vault.core.call(vault.admin, 'documents.view', { documentId: draft, part: 'image' })) as any).error.code).toBe('NOT_FOUND');

    const front = await up('card_front');
    const back = await up('card_back');
    const hr = (await attach(vault.admin, id, gpsJpeg)).value.documentId;
    const other = await newRegistrant(vault.core, vault.admin, { familyName: '放置', familyNameKana: 'ホウチ' });
    const link = await issueLink(vault.core, vault.admin, other);
    const otherSession = (await openLink(vault, { token: link.token, passcode: PASSCODE })).json.value.session as string;
    const abandoned = (await uploadDocument(vault, otherSession, { kind: 'card_front', subject: 'self', file: gpsJpeg })).json.value.documentId as string;
    const submitted = await phoneRequest(vault, 'POST', '/c/api/submit', { myNumber: generateMyNumber(777), documentSet: 'card', documentIds: [front, back], dependents: [] }, { authorization: `Bearer ${session}` });
    expect(submitted.json.ok, submitted.text).toBe(true);

    const ids = () => (raw.prepare('SELECT id FROM documents WHERE registrant_id IN (?, ?)').all(id, other) as { id: string }[]).map((r) => r.id).sort();
    // The retaken draft went with the submission; the other form's draft waits.
    expect(ids()).toEqual([front, back, hr, abandoned].sort());
    expect(vault.core.phone.purgeAbandonedUploads()).toBe(0);
    vault.clock.advance(3 * 86_400_000 + 60_000);
    expect(vault.core.phone.purgeAbandonedUploads()).toBe(1);
    expect(ids()).toEqual([front, back, hr].sort());
    // Three days later the admin signs in again (the idle lock engaged) to read the trail.
    await vault.advance(0);
    const [purge] = (await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'documents.purge' }, limit: 10 })).rows;
    expect(purge).toMatchObject({ outcome: 'success', detail: { removed: 1, olderThanDays: 3 } });
  });
});
