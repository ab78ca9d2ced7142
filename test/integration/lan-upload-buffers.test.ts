// The listener reads every upload's body into a kept buffer instead of a new one (lan/upload-buffers.ts),
// over the real listener and real TLS: a buffer goes from one upload to the next, each stored image
// is its own photo whole (a small photo after a large one carries nothing of it), uploads at the
// same time each have a buffer of their own, and once an upload is answered — stored, refused or cut
// off as too large — the part of its buffer the body filled is all zeros again.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentStore } from '../../src-main/core/modules/documents';
import { createFieldCrypto } from '../../src-main/core/platform/crypto/field';
import { createFileKeyStore } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { createUploadBuffers, type UploadBuffer, type UploadBuffers } from '../../src-main/lan/upload-buffers';
import { jpegWithGps, picture } from '../support/images';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, streamLargeUpload, uploadDocument, type LanVault } from '../support/lan';
import { openRawDb } from '../support/raw-db';
import { TEST_PASSPHRASE } from '../support/vault';

const MB = 1024 * 1024;
const CAPACITY = 15 * MB;

/** The listener's buffers, with every one it was handed and how far each was filled when given back. */
function recordingBuffers(): UploadBuffers & { handedOut: UploadBuffer[]; filled: Map<UploadBuffer, number> } {
  const inner = createUploadBuffers({ capacity: CAPACITY, keep: 8, idleMs: 600_000 });
  const handedOut: UploadBuffer[] = [];
  const filled = new Map<UploadBuffer, number>();
  return {
    handedOut,
    filled,
    take() {
      const b = inner.take();
      handedOut.push(b);
      return b;
    },
    give(b) {
      filled.set(b, Math.max(filled.get(b) ?? 0, b.used));
      inner.give(b);
    },
    free: inner.free,
    clear: inner.clear,
  };
}

const allZero = (b: UploadBuffer, upTo: number) => b.bytes.subarray(0, upTo).equals(Buffer.alloc(upTo));

let vault: LanVault;
let raw: Db;
let buffers: ReturnType<typeof recordingBuffers>;

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  buffers = recordingBuffers();
  vault = await openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000, uploadBuffers: buffers });
  raw = await openRawDb(vault.dataDir, vault.core.vaultId);
});
afterAll(async () => {
  raw.close();
  await vault.core.close();
  vi.restoreAllMocks();
});

async function session(familyName: string, familyNameKana: string) {
  const id = await newRegistrant(vault.core, vault.admin, { familyName, familyNameKana });
  const { token } = await issueLink(vault.core, vault.admin, id);
  const opened = await openLink(vault, { token, passcode: PASSCODE });
  expect(opened.status).toBe(200);
  return opened.json.value.session as string;
}

async function storedSize(documentId: string) {
  const keys = await createFileKeyStore({ dataDir: vault.dataDir, passphrase: TEST_PASSPHRASE }).load(vault.core.vaultId);
  const image = createDocumentStore(raw, createFieldCrypto(keys!.field, keys!.index)).open(documentId)!;
  const meta = await sharp(image).metadata();
  return `${meta.width}×${meta.height}`;
}

describe('the buffers uploads are read into', () => {
  it('are reused from one upload to the next, each image stored whole, and zeroed once the upload is answered', async () => {
    const s = await session('再利用', 'サイリヨウ');
    const large = await jpegWithGps(1600, 1200);
    const small = await (await picture(320, 200)).png().toBuffer();
    const first = await uploadDocument(vault, s, { kind: 'card_front', subject: 'self', file: large });
    const second = await uploadDocument(vault, s, { kind: 'card_back', subject: 'self', file: small });
    expect([first.status, second.status]).toEqual([200, 200]);

    // One buffer served both, filled by the larger body first, and nothing of either is left in it.
    expect(buffers.handedOut).toHaveLength(2);
    expect(buffers.handedOut[1]).toBe(buffers.handedOut[0]);
    expect(buffers.filled.get(buffers.handedOut[0]!)).toBeGreaterThanOrEqual(large.length);
    expect(allZero(buffers.handedOut[0]!, large.length + 4096)).toBe(true);
    expect(buffers.free()).toBe(1);

    // Turned upright by its EXIF orientation; the PNG as it was.
    expect(await storedSize(first.json.value.documentId)).toBe('1200×1600');
    expect(await storedSize(second.json.value.documentId)).toBe('320×200');
  });

  it('gives each of several uploads at once a buffer of its own', async () => {
    buffers.handedOut.length = 0;
    const sizes: [number, number][] = [
      [900, 700],
      [640, 480],
      [1024, 300],
      [500, 500],
    ];
    const sessions = await Promise.all(sizes.map((_, i) => session(`並行${i}`, `ヘイコウ${'アイウエ'[i]}`)));
    const files = await Promise.all(sizes.map(async ([w, h]) => (await picture(w, h)).jpeg().toBuffer()));
    const answers = await Promise.all(files.map((file, i) => uploadDocument(vault, sessions[i]!, { kind: 'card_front', subject: 'self', file })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (const [i, a] of answers.entries()) expect(await storedSize(a.json.value.documentId)).toBe(`${sizes[i]![0]}×${sizes[i]![1]}`);
    expect(new Set(buffers.handedOut.map((b) => b.bytes)).size).toBe(buffers.handedOut.length);
    for (const b of buffers.handedOut) expect(allZero(b, buffers.filled.get(b)!)).toBe(true);
  });

  it('are zeroed after a body cut off as too large, and after a refused image', async () => {
    buffers.handedOut.length = 0;
    const s = await session('拒否', 'キョヒ');
    const streamed = await streamLargeUpload(vault, s, 16 * MB, { declareLength: false });
    expect(streamed.status).toBe(413);
    const text = Buffer.from('私の個人番号のメモ '.repeat(2000), 'utf8');
    const refused = await uploadDocument(vault, s, { kind: 'card_front', subject: 'self', file: text });
    expect(refused.status).toBe(400);

    expect(buffers.handedOut).toHaveLength(2);
    const cutOff = buffers.handedOut[0]!;
    expect(buffers.filled.get(cutOff)).toBeGreaterThan(10 * MB);
    expect(allZero(cutOff, CAPACITY)).toBe(true);
    expect(allZero(buffers.handedOut[1]!, text.length)).toBe(true);
  });
});
