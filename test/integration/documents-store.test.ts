// Migration 0150 and the document store: a database at 0140 keeps its registrants and
// submissions and gains the documents table; an image and its thumbnail are stored only
// sealed, bound to the document's id and its registrant (a sealed blob moved to another row,
// to another registrant or into the other column does not open), and nothing of the image —
// its JPEG markers, its entropy-coded data, the pixels it came from — is readable in any
// file of the data directory, nor in the column itself.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, processImage } from '../../src-main/core/modules/documents';
import { createFieldCrypto } from '../../src-main/core/platform/crypto/field';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { loadMigrations, migrate } from '../../src-main/core/platform/db/migrate';
import { sourceMigrationsDir } from '../../src-main/core/platform/paths';
import { jpegWithGps } from '../support/images';
import { tempDir } from '../support/vault';

const real = loadMigrations(sourceMigrationsDir);
const at = '2026-12-01T00:00:00.000Z';

function database(upTo = Infinity) {
  const dir = tempDir('mnv-docs-');
  const file = path.join(dir, 'vault.db');
  const db = openEncryptedDatabase(file, { keyHex: randomBytes(32).toString('hex') });
  const run = (version: number) => migrate({ db, dbFile: file, migrations: real.filter((m) => m.version <= version), backupDir: path.join(dir, 'backups'), now: new Date(at) });
  run(upTo);
  return { db, dir, run };
}

function addRegistrant(db: ReturnType<typeof database>['db'], id: string) {
  db.prepare(
    `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, status, created_at, updated_at)
     VALUES (?, '山田', '太郎', 'ヤマダ', 'タロウ', 'pending', ?, ?)`,
  ).run(id, at, at);
}

async function sample() {
  const processed = await processImage(await jpegWithGps(800, 600));
  if (!processed.ok) throw new Error('the sample image did not process');
  return processed.value;
}

describe('migration 0150', () => {
  it("carries 0140's registrants and submissions through and adds the documents table", () => {
    const { db, run } = database(140);
    addRegistrant(db, 'r1');
    db.prepare("INSERT INTO submissions (id, registrant_id, source, state, review_required, created_at, has_number) VALUES ('s1', 'r1', 'proxy', 'pending', 1, ?, 0)").run(at);
    const before = JSON.stringify([db.prepare('SELECT * FROM registrants').all(), db.prepare('SELECT * FROM submissions').all()]);

    expect(run(150).to).toBe(150);
    expect(JSON.stringify([db.prepare('SELECT * FROM registrants').all(), db.prepare('SELECT * FROM submissions').all()])).toBe(before);
    const insert = db.prepare('INSERT INTO documents (id, registrant_id, subject, kind, sealed_image, sealed_thumbnail, created_at, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('d1', 'r1', 'self', 'card_front', Buffer.from([1]), Buffer.from([2]), at, 's1');
    expect(() => insert.run('d2', 'r1', 'self', 'passport', Buffer.from([1]), Buffer.from([2]), at, null)).toThrow(/CHECK/);
    expect(() => insert.run('d3', 'nobody', 'self', 'card_back', Buffer.from([1]), Buffer.from([2]), at, null)).toThrow(/FOREIGN KEY/);
    // A registrant's documents go with them.
    db.prepare("DELETE FROM registrants WHERE id = 'r1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('the document store', () => {
  it('seals image and thumbnail bound to the document and its registrant: moved elsewhere they do not open', async () => {
    const { db } = database();
    addRegistrant(db, 'r1');
    addRegistrant(db, 'r2');
    const fields = createFieldCrypto(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
    const store = createDocumentStore(db, fields);
    const { image, thumbnail } = await sample();
    const a = store.add({ registrantId: 'r1', subject: 'self', kind: 'card_front', image, thumbnail }, new Date(at));
    const b = store.add({ registrantId: 'r1', subject: 'dep-1', kind: 'photo_id', image: thumbnail, thumbnail }, new Date(at));
    const c = store.add({ registrantId: 'r2', subject: 'self', kind: 'card_back', image: thumbnail, thumbnail }, new Date(at));
    expect(store.open(a)!.equals(image)).toBe(true);
    expect(store.open(a, 'thumbnail')!.equals(thumbnail)).toBe(true);
    expect(store.find(a)).toEqual({ id: a, registrantId: 'r1', subject: 'self', kind: 'card_front', createdAt: at, submissionId: null, attachedBy: null });
    expect(store.listFor('r1').map((d) => d.id).sort()).toEqual([a, b].sort());
    expect(store.open('no-such-document')).toBeNull();

    const sealedOf = (id: string) => db.prepare<[string], { sealed_image: Buffer; sealed_thumbnail: Buffer }>('SELECT sealed_image, sealed_thumbnail FROM document_images WHERE document_id = ?').get(id)!;
    const original = sealedOf(a);
    // The column holds no JPEG: neither its start nor any run of its data.
    expect(original.sealed_image.includes(image.subarray(0, 16))).toBe(false);
    expect(original.sealed_image.includes(image.subarray(2000, 2064))).toBe(false);
    // Into another row of the same registrant, into another registrant's row, into the other column.
    db.prepare('UPDATE document_images SET sealed_image = ? WHERE document_id = ?').run(original.sealed_image, b);
    expect(() => store.open(b)).toThrow();
    db.prepare('UPDATE document_images SET sealed_image = ? WHERE document_id = ?').run(original.sealed_image, c);
    expect(() => store.open(c)).toThrow();
    db.prepare('UPDATE document_images SET sealed_thumbnail = ? WHERE document_id = ?').run(original.sealed_image, a);
    expect(() => store.open(a, 'thumbnail')).toThrow();
    // The row itself moved to another registrant does not open either.
    db.prepare("UPDATE documents SET registrant_id = 'r2' WHERE id = ?").run(a);
    expect(() => store.open(a)).toThrow();
    db.prepare("UPDATE documents SET registrant_id = 'r1' WHERE id = ?").run(a);
    expect(store.open(a)!.equals(image)).toBe(true);
    db.close();
  });

  it('leaves nothing of the image readable in any file of the data directory', async () => {
    const { db, dir } = database();
    addRegistrant(db, 'r1');
    const fields = createFieldCrypto(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
    const store = createDocumentStore(db, fields);
    const processed = await sample();
    for (let i = 0; i < 3; i++) store.add({ registrantId: 'r1', subject: 'self', kind: 'card_front', image: processed.image, thumbnail: processed.thumbnail }, new Date(at));

    const markers: [string, Buffer][] = [
      ['JPEG start and JFIF header', processed.image.subarray(0, 16)],
      ['JPEG entropy-coded data', processed.image.subarray(processed.image.length >> 1, (processed.image.length >> 1) + 64)],
      ['thumbnail start', processed.thumbnail.subarray(0, 16)],
      ['thumbnail data', processed.thumbnail.subarray(processed.thumbnail.length >> 1, (processed.thumbnail.length >> 1) + 64)],
      ['JFIF marker', Buffer.from('JFIF\0', 'latin1')],
      ['Exif marker', Buffer.from('Exif\0\0', 'latin1')],
    ];
    const scan = () => {
      const found: string[] = [];
      for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
        const full = path.join(dir, file);
        if (!fs.statSync(full).isFile()) continue;
        const bytes = fs.readFileSync(full);
        for (const [name, marker] of markers) if (bytes.includes(marker)) found.push(`${file}: ${name}`);
      }
      return found;
    };
    expect(scan()).toEqual([]);
    db.close();
    expect(scan()).toEqual([]);
  });
});
