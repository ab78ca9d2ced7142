// Migration 0180: a database at 0170 with documents keeps every document as it was; their
// sealed image and thumbnail move, byte for byte, to document_images, and go with their document.
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0180', () => {
  it("moves 0170's sealed images, byte for byte, out of the documents rows into document_images", () => {
    const { db, run } = migrationDb();
    run(170);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, status, created_at, updated_at)
       VALUES ('r1', '山田', '太郎', 'ヤマダ', 'タロウ', 'pending', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO submissions (id, registrant_id, source, state, review_required, created_at, has_number) VALUES ('s1', 'r1', 'registrant', 'pending', 1, ?, 0)").run(at);
    const insert = db.prepare('INSERT INTO documents (id, registrant_id, subject, kind, sealed_image, sealed_thumbnail, created_at, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const big = Buffer.alloc(300_000, 7);
    insert.run('d1', 'r1', 'self', 'card_front', big, Buffer.from([1, 2, 3]), at, 's1');
    insert.run('d2', 'r1', 'dep-1', 'photo_id', Buffer.from([9]), Buffer.from([8]), at, null);

    expect(run(180).to).toBe(180);
    expect(db.prepare('SELECT id, registrant_id, subject, kind, created_at, submission_id, attached_by FROM documents ORDER BY id').all()).toEqual([
      { id: 'd1', registrant_id: 'r1', subject: 'self', kind: 'card_front', created_at: at, submission_id: 's1', attached_by: null },
      { id: 'd2', registrant_id: 'r1', subject: 'dep-1', kind: 'photo_id', created_at: at, submission_id: null, attached_by: null },
    ]);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('documents')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('sealed_image');
    expect(columns).not.toContain('sealed_thumbnail');
    const images = db.prepare('SELECT document_id, sealed_thumbnail, sealed_image FROM document_images ORDER BY document_id').all() as { document_id: string; sealed_thumbnail: Buffer; sealed_image: Buffer }[];
    expect(images.map((i) => i.document_id)).toEqual(['d1', 'd2']);
    expect(images[0]!.sealed_image.equals(big)).toBe(true);
    expect([...images[0]!.sealed_thumbnail]).toEqual([1, 2, 3]);
    expect([...images[1]!.sealed_image, ...images[1]!.sealed_thumbnail]).toEqual([9, 8]);

    // A document's images go with it; an image row needs its document.
    db.prepare("DELETE FROM documents WHERE id = 'd2'").run();
    expect(db.prepare('SELECT document_id FROM document_images').all()).toEqual([{ document_id: 'd1' }]);
    expect(() => db.prepare("INSERT INTO document_images VALUES ('nobody', x'01', x'02')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
