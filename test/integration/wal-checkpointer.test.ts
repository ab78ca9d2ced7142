// WAL checkpoints off the core's thread: a worker thread with a connection of its own copies
// the WAL into the database file every quarter second, while the core's connection only keeps
// a distant fallback (10,000 pages instead of SQLite's 1,000), back to the default once the
// worker has stopped. Megabytes written by the core reach the database file without the core
// ever checkpointing, and everything reads back after the file is closed and opened again.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src-main/core/platform/db/checkpointer';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { tempDir } from '../support/vault';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the WAL checkpointer', () => {
  it('copies what the core writes into the database file from its own thread, the core only keeping a fallback', async () => {
    const file = path.join(tempDir(), 'vault.db');
    const keyHex = randomBytes(32).toString('hex');
    const db = openEncryptedDatabase(file, { keyHex });
    db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    const checkpointer = await startCheckpointer({ db, file, keyHex, everyMs: 50, log: () => undefined });
    expect(checkpointer.running()).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    // Twelve photo-sized rows: some 3,600 pages, past SQLite's own threshold three times over.
    const photos = Array.from({ length: 12 }, () => randomBytes(1_200_000));
    const insert = db.prepare('INSERT INTO photos (bytes) VALUES (?)');
    for (const bytes of photos) db.transaction(() => insert.run(bytes)).immediate();
    const deadline = Date.now() + 10_000;
    while (checkpointer.framesCheckpointed() < 3_500 && Date.now() < deadline) await sleep(50);
    expect(checkpointer.framesCheckpointed()).toBeGreaterThanOrEqual(3_500);

    await checkpointer.stop();
    expect(checkpointer.running()).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();

    const again = openEncryptedDatabase(file, { keyHex });
    const rows = again.prepare('SELECT bytes FROM photos ORDER BY id').all() as { bytes: Buffer }[];
    expect(rows.map((r, i) => r.bytes.equals(photos[i]!))).toEqual(Array(12).fill(true));
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('leaves the core checkpointing as before when its worker cannot open the database', async () => {
    const file = path.join(tempDir(), 'vault.db');
    const db = openEncryptedDatabase(file, { keyHex: randomBytes(32).toString('hex') });
    db.exec('CREATE TABLE t (x)');
    const lines: string[] = [];
    // Another key: the worker's connection fails on its first read and the thread ends.
    const checkpointer = await startCheckpointer({ db, file, keyHex: randomBytes(32).toString('hex'), log: (line) => lines.push(line) });
    expect(checkpointer.running()).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(lines.join('\n')).not.toMatch(/[0-9a-f]{64}/);
    await checkpointer.stop();
    db.close();
  });
});
