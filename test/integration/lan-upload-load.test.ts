// Phone uploads under load, over the real listener and real TLS: the core takes in at most R
// uploads at a time (here 4), reading their bodies, and processes at most N images at a time
// (here 2); the others wait with their bodies unread, the bytes held back on the phone's side,
// until a slot is free; all of them then succeed. A wait longer than
// the limit is answered 503 with the Japanese "busy" message and Retry-After, audited, nothing
// stored, and the phone's next try goes through; a phone that goes away while it waits leaves
// the queue. A HEIC decodes on a worker thread: /c/api/state answers promptly meanwhile.
import https from 'node:https';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src-main/core/platform/db/open';
import { heicPicture } from '../support/images';
import { issueLink, multipartBody, newRegistrant, openLanVault, openLink, PASSCODE, phoneRequest, uploadDocument, type LanVault } from '../support/lan';
import { openRawDb } from '../support/raw-db';
import { must } from '../support/vault';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let two: LanVault;
let one: LanVault;
let photo: Buffer;

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  [two, one] = await Promise.all([
    openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000, uploads: { concurrency: 2, receiving: 4 } }),
    openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000, uploads: { concurrency: 1, receiving: 1, maxWaitMs: 1_000 } }),
  ]);
  photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg({ quality: 90 }).toBuffer();
});
afterAll(async () => {
  await Promise.all([two.core.close(), one.core.close()]);
  vi.restoreAllMocks();
});

async function person(vault: LanVault, familyName: string) {
  const id = await newRegistrant(vault.core, vault.admin, { familyName, familyNameKana: 'テスト' });
  const { token } = await issueLink(vault.core, vault.admin, id);
  const opened = await openLink(vault, { token, passcode: PASSCODE });
  expect(opened.status, opened.text).toBe(200);
  return { id, session: opened.json.value.session as string };
}

function withRaw<T>(vault: LanVault, fn: (raw: Db) => T): Promise<T> {
  return openRawDb(vault.dataDir, vault.core.vaultId).then((raw) => {
    try {
      return fn(raw);
    } finally {
      raw.close();
    }
  });
}

const documentsOf = (vault: LanVault, registrantId: string) =>
  withRaw(vault, (raw) => (raw.prepare('SELECT count(*) AS n FROM documents WHERE registrant_id = ?').get(registrantId) as { n: number }).n);

const uploadAudit = async (vault: LanVault, registrantId: string) =>
  ((await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.upload', targetId: registrantId }, limit: 100 })).rows as any[]).map((e) => [e.outcome, e.detail.reason ?? null]);

/**
 * An upload sent by hand: `held` bytes of the body go at once, the rest only on `resume()`.
 * `finished` tells whether the whole body has been taken by the connection.
 */
function heldUpload(vault: LanVault, session: string, file: Buffer, held: number) {
  const { body, contentType } = multipartBody([
    { name: 'kind', value: 'card_front' },
    { name: 'subject', value: 'self' },
    { name: 'file', value: file, filename: 'photo.jpg', contentType: 'image/jpeg' },
  ]);
  let finished = false;
  let request!: ReturnType<typeof https.request>;
  const answer = new Promise<{ status: number; json: any; headers: Record<string, unknown> }>((resolve, reject) => {
    request = https.request(
      {
        host: '127.0.0.1',
        port: vault.port,
        method: 'POST',
        path: '/c/api/documents',
        ca: vault.ca,
        agent: false,
        headers: { 'content-type': contentType, 'content-length': String(body.length), authorization: `Bearer ${session}`, 'user-agent': 'Mozilla/5.0 (iPhone; test)' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), headers: res.headers }));
      },
    );
    request.on('error', reject);
    request.on('finish', () => (finished = true));
  });
  request.write(body.subarray(0, held));
  return {
    answer,
    finished: () => finished,
    resume: () => request.end(body.subarray(held)),
    abandon: () => request.destroy(),
  };
}

describe('uploads under load', () => {
  it('takes in four and processes two at a time while eight phones send at once, and every upload succeeds', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => person(two, `負荷${i}`)));
    const most = { receiving: 0, waiting: 0, processing: 0 };
    const watch = setInterval(() => {
      const { receiving, processing } = two.core.phone.uploadLoad();
      most.receiving = Math.max(most.receiving, receiving.active);
      most.waiting = Math.max(most.waiting, receiving.waiting);
      most.processing = Math.max(most.processing, processing.active);
    }, 1);
    const answers = await Promise.all(people.map((p) => uploadDocument(two, p.session, { kind: 'card_front', subject: 'self', file: photo })));
    clearInterval(watch);
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(most).toEqual({ receiving: 4, waiting: 4, processing: 2 });
    expect(two.core.phone.uploadLoad()).toEqual({ receiving: { limit: 4, active: 0, waiting: 0 }, processing: { limit: 2, active: 0, waiting: 0 } });
    for (const p of people) expect(await documentsOf(two, p.id)).toBe(1);
  });

  it('leaves a waiting upload’s body unread, on the phone’s side, until a slot is free', async () => {
    const a = await person(one, '先行');
    const b = await person(one, '後続');
    // A holds the only slot: its body stops halfway.
    const first = heldUpload(one, a.session, photo, photo.length >> 1);
    await vi.waitFor(() => expect(one.core.phone.uploadLoad().receiving.active).toBe(1));
    // B sends a 14 MB body at once; the listener does not read it while B waits.
    const second = heldUpload(one, b.session, Buffer.alloc(14 * MB, 0x41), 0);
    second.resume();
    await vi.waitFor(() => expect(one.core.phone.uploadLoad().receiving.waiting).toBe(1));
    await sleep(500);
    expect(second.finished(), 'the whole 14 MB went over while it waited').toBe(false);

    first.resume();
    expect((await first.answer).status).toBe(200);
    // Now read: the bytes were not an image at all.
    const refused = await second.answer;
    expect([refused.status, refused.json.error.messageKey]).toEqual([400, 'errors.documents.unsupportedType']);
    expect(second.finished()).toBe(true);
  });

  it('answers 503 “busy” with Retry-After once the wait runs out, stores nothing, and takes the next try', async () => {
    const a = await person(one, '占有');
    const b = await person(one, '待機');
    const first = heldUpload(one, a.session, photo, 1024);
    await vi.waitFor(() => expect(one.core.phone.uploadLoad().receiving.active).toBe(1));
    const busy = await uploadDocument(one, b.session, { kind: 'card_back', subject: 'self', file: photo });
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('30');
    expect(busy.headers.connection).toBe('close');
    expect(busy.json).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '混み合っています。しばらくしてからもう一度お試しください', messageKey: 'errors.collection.busy' },
    });
    expect(await documentsOf(one, b.id)).toBe(0);
    expect(await uploadAudit(one, b.id)).toEqual([['denied', 'busy']]);

    first.resume();
    expect((await first.answer).status).toBe(200);
    const again = await uploadDocument(one, b.session, { kind: 'card_back', subject: 'self', file: photo });
    expect(again.status, again.text).toBe(200);
    expect(await documentsOf(one, b.id)).toBe(1);
  });

  it('drops from the queue a phone that goes away while it waits', async () => {
    const a = await person(one, '保持');
    const b = await person(one, '離脱');
    const first = heldUpload(one, a.session, photo, 1024);
    await vi.waitFor(() => expect(one.core.phone.uploadLoad().receiving.active).toBe(1));
    const leaving = heldUpload(one, b.session, photo, 1024);
    leaving.answer.catch(() => undefined);
    await vi.waitFor(() => expect(one.core.phone.uploadLoad().receiving.waiting).toBe(1));
    leaving.abandon();
    await vi.waitFor(() => expect(one.core.phone.uploadLoad().receiving).toEqual({ limit: 1, active: 1, waiting: 0 }));
    first.resume();
    expect((await first.answer).status).toBe(200);
    await vi.waitFor(async () => expect(await uploadAudit(one, b.id)).toEqual([['failure', 'client_gone']]));
    expect(await documentsOf(one, b.id)).toBe(0);
  });
});

describe('a HEIC upload', () => {
  it('is decoded off the listener’s thread: /c/api/state answers promptly meanwhile', async () => {
    const p = await person(two, '画像');
    // Large enough that its decode (about 1 s or more here) outlasts by far what an answer may wait.
    const heic = await heicPicture(3200, 2400, { fast: true });
    // Warm: the decoding thread is started and libheif loaded.
    expect((await uploadDocument(two, p.session, { kind: 'card_front', subject: 'self', file: await heicPicture(64, 48) })).status).toBe(200);

    const started = performance.now();
    let done = false;
    const upload = uploadDocument(two, p.session, { kind: 'card_back', subject: 'self', file: heic }).finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      const r = await phoneRequest(two, 'POST', '/c/api/state', {}, { authorization: `Bearer ${p.session}` });
      expect(r.status).toBe(200);
      if (!done) latencies.push(performance.now() - t);
      await sleep(20);
    }
    const took = performance.now() - started;
    expect((await upload).status).toBe(200);
    expect(took, 'the HEIC should take long enough to tell').toBeGreaterThan(600);
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    // On the listener's thread one of these would have waited for most of the decode.
    expect(Math.max(...latencies)).toBeLessThan(300);
  });
});
