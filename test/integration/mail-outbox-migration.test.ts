// Migration 0160: a database at 0150 keeps its registrants, invitations and documents; the
// outbox it adds holds a sealed message only while a row is queued (the CHECK refuses a sent
// or failed row that keeps one, and a queued row without one).
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0160', () => {
  it("carries 0150's registrants, links and documents through, and keeps a message sealed only while its mail waits", () => {
    const { db, run } = migrationDb();
    run(150);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, email, status, created_at, updated_at)
       VALUES ('r1', '山田', '太郎', 'ヤマダ', 'タロウ', 'yamada@example.jp', 'unregistered', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO invitations (id, registrant_id, token_hash, issued_at, expires_at) VALUES ('i1', 'r1', 'aa', ?, '2026-12-15T00:00:00.000Z')").run(at);
    db.prepare("INSERT INTO documents (id, registrant_id, subject, kind, sealed_image, sealed_thumbnail, created_at) VALUES ('d1', 'r1', 'self', 'card_front', x'01', x'02', ?)").run(at);
    const snapshot = () => JSON.stringify([db.prepare('SELECT * FROM registrants').all(), db.prepare('SELECT * FROM invitations').all(), db.prepare('SELECT * FROM documents').all()]);
    const before = snapshot();

    expect(run(160).to).toBe(160);
    expect(snapshot()).toBe(before);

    db.prepare("INSERT INTO mail_batches (id, kind, created_at) VALUES ('b1', 'invitation', ?)").run(at);
    const queue = (id: string, state: string, sealed: Buffer | null, settledAt: string | null) =>
      db
        .prepare('INSERT INTO mail_outbox (id, batch_id, registrant_id, invitation_id, state, sealed_message, queued_at, settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, 'b1', 'r1', 'i1', state, sealed, at, settledAt);
    queue('m1', 'queued', Buffer.from([1, 2, 3]), null);
    expect(() => queue('m2', 'sent', Buffer.from([1]), at)).toThrow(/CHECK constraint failed/);
    expect(() => queue('m3', 'queued', null, null)).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE mail_outbox SET state = 'sent', settled_at = ? WHERE id = 'm1'").run(at)).toThrow(/CHECK constraint failed/);
    db.prepare("UPDATE mail_outbox SET state = 'sent', sealed_message = NULL, settled_at = ? WHERE id = 'm1'").run(at);
    expect(db.prepare('SELECT state, sealed_message FROM mail_outbox').all()).toEqual([{ state: 'sent', sealed_message: null }]);

    // The sender finds the queued rows through the partial index.
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM mail_outbox WHERE state = 'queued' ORDER BY seq LIMIT 10").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toContain('mail_outbox_queued');
    // A registrant deleted (物理削除) takes its mails with it.
    db.prepare("DELETE FROM registrants WHERE id = 'r1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM mail_outbox').get()).toEqual({ n: 0 });
    db.close();
  });
});
