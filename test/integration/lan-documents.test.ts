// POST /c/api/documents over the real listener and real TLS: a JPEG with EXIF and GPS becomes
// a document of the session's own registrant, stored sealed and bound to it, with no EXIF or
// GPS once unsealed and nothing of it readable in the data directory; the file name (even
// ../../etc/passwd.jpg) and the declared type are ignored; refused cleanly, with no row: no
// session, another registrant's link revoked, a submitted registrant, a text file called .jpg,
// an SVG, a pixel bomb, a wrong kind, 16 MB (413), and a 50 MB body (413 before it is all
// read, declared or not). Every upload audited with client address and user agent.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocumentStore } from '../../src-main/core/modules/documents';
import { createFieldCrypto } from '../../src-main/core/platform/crypto/field';
import { createFileKeyStore } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { heicPicture, jpegWithGps, pngClaiming } from '../support/images';
import { issueLink, multipartBody, newRegistrant, openLanVault, openLink, PASSCODE, sendBody, streamLargeUpload, uploadDocument, type LanVault } from '../support/lan';
import { openRawDb } from '../support/raw-db';
import { must, TEST_PASSPHRASE } from '../support/vault';

const MB = 1024 * 1024;
let vault: LanVault;
let raw: Db;
let jpeg: Buffer;

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vault = await openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000 });
  raw = await openRawDb(vault.dataDir, vault.core.vaultId);
  jpeg = await jpegWithGps(1200, 800);
});
beforeEach(() => vault.advance(16 * 60_000));
afterAll(async () => {
  raw.close();
  await vault.core.close();
  vi.restoreAllMocks();
});

const countDocuments = () => (raw.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;

async function person(familyName: string, familyNameKana: string) {
  const id = await newRegistrant(vault.core, vault.admin, { familyName, familyNameKana });
  const { token } = await issueLink(vault.core, vault.admin, id);
  const opened = await openLink(vault, { token, passcode: PASSCODE });
  expect(opened.status).toBe(200);
  return { id, token, session: opened.json.value.session as string };
}

async function store() {
  const keys = await createFileKeyStore({ dataDir: vault.dataDir, passphrase: TEST_PASSPHRASE }).load(vault.core.vaultId);
  return createDocumentStore(raw, createFieldCrypto(keys!.field, keys!.index));
}

const uploads = async (registrantId?: string) =>
  ((await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.upload', ...(registrantId ? { targetId: registrantId } : {}) }, limit: 1000 })).rows as any[]);

describe('uploading an ID image', () => {
  it('stores a JPEG as a sealed document of the session’s registrant, with no EXIF or GPS once unsealed', async () => {
    const p = await person('写真', 'シャシン');
    const r = await uploadDocument(vault, p.session, { kind: 'card_front', subject: 'self', file: jpeg });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ ok: true, value: { documentId: expect.any(String) } });
    expect(r.headers['cache-control']).toBe('no-store');
    const documentId = r.json.value.documentId as string;

    const row = raw.prepare('SELECT registrant_id, subject, kind, submission_id, sealed_image FROM documents JOIN document_images ON document_id = id WHERE id = ?').get(documentId) as any;
    expect(row).toMatchObject({ registrant_id: p.id, subject: 'self', kind: 'card_front', submission_id: null });
    expect((row.sealed_image as Buffer).subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    const image = (await store()).open(documentId)!;
    const meta = await sharp(image).metadata();
    // Turned upright by its orientation (6), and nothing of its metadata left.
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 800, 1200]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    for (const marker of ['Exif\0\0', 'SecretPhone', 'CameraMaker', 'MARKER-COPYRIGHT']) expect(image.includes(Buffer.from(marker, 'latin1')), marker).toBe(false);

    const entry = (await uploads(p.id)).find((e) => e.detail.documentId === documentId);
    expect(entry).toMatchObject({ outcome: 'success', targetType: 'registrant', targetId: p.id, detail: { kind: 'card_front', subject: 'self', clientAddress: '127.0.0.1', userAgent: 'Mozilla/5.0 (iPhone; test)' } });
    expect(JSON.stringify(entry)).not.toContain('photo.jpg');

    // Nothing of the image readable in any file of the data directory.
    const markers = [image.subarray(0, 16), image.subarray(image.length >> 1, (image.length >> 1) + 64), jpeg.subarray(jpeg.length >> 1, (jpeg.length >> 1) + 64), Buffer.from('SecretPhone')];
    for (const file of fs.readdirSync(vault.dataDir, { recursive: true }) as string[]) {
      const full = path.join(vault.dataDir, file);
      if (!fs.statSync(full).isFile()) continue;
      const bytes = fs.readFileSync(full);
      for (const m of markers) expect(bytes.includes(m), file).toBe(false);
    }
  });

  it('takes a HEIC and a dependent’s document, ignores the file name entirely (../../etc/passwd.jpg) and the declared type', async () => {
    const p = await person('経路', 'ケイロ');
    const heic = await heicPicture(640, 480);
    const r = await uploadDocument(vault, p.session, { kind: 'photo_id', subject: 'dep_01', file: heic, filename: '../../etc/passwd.jpg', contentType: 'text/plain' });
    expect(r.status, r.text).toBe(200);
    const doc = raw.prepare('SELECT * FROM documents WHERE id = ?').get(r.json.value.documentId) as any;
    expect(doc).toMatchObject({ registrant_id: p.id, subject: 'dep_01', kind: 'photo_id' });
    expect(JSON.stringify(doc)).not.toContain('passwd');
    expect((fs.readdirSync(vault.dataDir, { recursive: true }) as string[]).filter((f) => f.includes('passwd'))).toEqual([]);
    const image = (await store()).open(doc.id)!;
    expect((await sharp(image).metadata()).format).toBe('jpeg');
  });

  it('refuses without a session, with a made-up one, and once the link is revoked; nothing stored', async () => {
    const p = await person('無効', 'ムコウ');
    const before = countDocuments();
    const none = await uploadDocument(vault, null, { kind: 'card_front', subject: 'self', file: jpeg });
    expect(none.status).toBe(403);
    expect(none.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.collection.sessionGone' } });
    const madeUp = await uploadDocument(vault, 'A'.repeat(43), { kind: 'card_front', subject: 'self', file: jpeg });
    expect(madeUp.status).toBe(403);
    await must(vault.core, vault.admin, 'invitations.revoke', { registrantId: p.id });
    const revoked = await uploadDocument(vault, p.session, { kind: 'card_front', subject: 'self', file: jpeg });
    expect(revoked.status).toBe(403);
    expect(revoked.json.error.messageKey).toBe('errors.collection.sessionGone');
    expect(countDocuments()).toBe(before);
    expect((await uploads(p.id)).map((e) => [e.outcome, e.detail.reason])).toEqual([['denied', 'session_gone']]);
  });

  it('reaches only the session’s own registrant', async () => {
    const a = await person('甲野', 'コウノ');
    const b = await person('乙野', 'オツノ');
    const r = await uploadDocument(vault, b.session, { kind: 'card_back', subject: 'self', file: jpeg });
    expect(r.status).toBe(200);
    expect((raw.prepare('SELECT registrant_id FROM documents WHERE id = ?').get(r.json.value.documentId) as any).registrant_id).toBe(b.id);
    expect(raw.prepare('SELECT count(*) AS n FROM documents WHERE registrant_id = ?').get(a.id)).toEqual({ n: 0 });
  });

  it('refuses a text file called .jpg, an SVG, a pixel bomb, a broken form and a wrong kind, storing nothing', async () => {
    const p = await person('攻撃', 'コウゲキ');
    const before = countDocuments();
    const cases: [string, Parameters<typeof uploadDocument>[2], string][] = [
      ['text as .jpg', { kind: 'card_front', subject: 'self', file: Buffer.from('this is only text\n'), filename: 'card.jpg' }, 'errors.documents.unsupportedType'],
      [
        'svg',
        { kind: 'card_front', subject: 'self', file: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), filename: 'card.svg', contentType: 'image/svg+xml' },
        'errors.documents.unsupportedType',
      ],
      ['pixel bomb', { kind: 'card_front', subject: 'self', file: pngClaiming(30_000, 30_000), filename: 'bomb.png', contentType: 'image/png' }, 'errors.documents.tooManyPixels'],
      ['wrong kind', { kind: 'passport', subject: 'self', file: jpeg }, 'errors.documents.badForm'],
      ['bad subject', { kind: 'card_front', subject: '../../x', file: jpeg }, 'errors.documents.badForm'],
      ['no kind', { subject: 'self', file: jpeg }, 'errors.documents.badForm'],
    ];
    for (const [name, form, key] of cases) {
      const r = await uploadDocument(vault, p.session, form);
      expect(r.status, name).toBe(400);
      expect(r.json, name).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: key } });
    }
    expect(countDocuments()).toBe(before);
    const reasons = (await uploads(p.id)).map((e) => e.detail.reason);
    expect(reasons).toEqual(expect.arrayContaining(['unsupported_type', 'too_many_pixels', 'bad_form']));
  });

  it('refuses too many fields, two files, a file under another name and a body that is not multipart, storing nothing', async () => {
    const p = await person('部品', 'ブヒン');
    const before = countDocuments();
    const auth = { authorization: `Bearer ${p.session}` };
    const file = { name: 'file', value: jpeg, filename: 'a.jpg', contentType: 'image/jpeg' };
    const forms = {
      manyFields: [{ name: 'kind', value: 'card_front' }, { name: 'subject', value: 'self' }, ...Array.from({ length: 10 }, (_, i) => ({ name: `x${i}`, value: 'y' })), file],
      twoFiles: [{ name: 'kind', value: 'card_front' }, { name: 'subject', value: 'self' }, file, file],
      otherName: [{ name: 'kind', value: 'card_front' }, { name: 'subject', value: 'self' }, { ...file, name: 'image' }],
      protoField: [{ name: '__proto__', value: 'x' }, { name: 'kind', value: 'card_front' }, { name: 'subject', value: 'self' }, file],
    };
    for (const [name, parts] of Object.entries(forms)) {
      const { body, contentType } = multipartBody(parts);
      const r = await sendBody(vault, '/c/api/documents', body, { 'content-type': contentType, ...auth });
      expect(r.status, name).toBe(400);
      expect(r.json, name).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.documents.badForm' } });
    }
    const json = await sendBody(vault, '/c/api/documents', Buffer.from(JSON.stringify({ kind: 'card_front', subject: 'self', file: jpeg.subarray(0, 1000).toString('base64') })), { 'content-type': 'application/json', ...auth });
    expect(json.status).toBe(400);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.documents.badForm' } });
    expect(countDocuments()).toBe(before);
  });

  it('refuses once the registrant has submitted (nothing can be changed)', async () => {
    const p = await person('提出', 'テイシュツ');
    // Submitted, waiting for review (set in the file, as the submit call does not exist yet).
    raw.prepare("UPDATE registrants SET status = 'pending' WHERE id = ?").run(p.id);
    const r = await uploadDocument(vault, p.session, { kind: 'card_front', subject: 'self', file: jpeg });
    expect(r.status).toBe(409);
    expect(r.json.error.messageKey).toBe('errors.documents.notOpen');
    expect(raw.prepare('SELECT count(*) AS n FROM documents WHERE registrant_id = ?').get(p.id)).toEqual({ n: 0 });
  });

  it('answers 16 MB with a clean 413, declared or streamed, and stores nothing', async () => {
    const p = await person('大型', 'オオガタ');
    const before = countDocuments();
    const big = Buffer.alloc(16 * MB, 0x41);
    big.set([0xff, 0xd8, 0xff]);
    const declared = await uploadDocument(vault, p.session, { kind: 'card_front', subject: 'self', file: big });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const streamed = await streamLargeUpload(vault, p.session, 16 * MB, { declareLength: false });
    expect(streamed.status).toBe(413);
    expect(streamed.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.documents.tooLarge' } });
    expect(countDocuments()).toBe(before);
  });

  it('refuses a 50 MB body before it is all read, declared or not', async () => {
    const p = await person('巨大', 'キョダイ');
    const before = countDocuments();
    const declared = await streamLargeUpload(vault, p.session, 50 * MB, { declareLength: true });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.documents.tooLarge' } });
    // Declared: answered from the headers, before the body (a few socket buffers at most).
    expect(declared.writtenWhenAnswered).toBeLessThan(8 * MB);
    const undeclared = await streamLargeUpload(vault, p.session, 50 * MB, { declareLength: false });
    expect(undeclared.status).toBe(413);
    // Not declared: cut off at the 15 MB file limit.
    expect(undeclared.writtenWhenAnswered).toBeLessThan(24 * MB);
    expect(countDocuments()).toBe(before);
    // The listener still answers.
    const ok = await uploadDocument(vault, p.session, { kind: 'card_front', subject: 'self', file: jpeg });
    expect(ok.status).toBe(200);
  });
});
