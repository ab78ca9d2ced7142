// SQLite's temporary files (a sort or an index too big for the page cache spills into one)
// are not encrypted by the cipher layer, so the vault keeps them in memory
// (`temp_store=MEMORY`): a large sort on the encrypted database leaves no temporary file, and
// no plaintext row, anywhere on disk.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { tempDir } from '../support/vault';

const MARKER = 'plaintext-marker-';

/** The files this process holds open, by link target (Linux: /proc/self/fd). */
function openFiles(): { target: string; fd: string }[] {
  return fs.readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [{ fd, target: fs.readlinkSync(`/proc/self/fd/${fd}`) }];
    } catch {
      return [];
    }
  });
}

describe('the encrypted database', () => {
  it('keeps temporary storage in memory: a sort bigger than the cache spills into no file', () => {
    const dir = tempDir('mnv-temp-store-');
    const file = path.join(dir, 'vault.db');
    const db = openEncryptedDatabase(file, { keyHex: randomBytes(32).toString('hex') });
    try {
      expect(db.pragma('temp_store', { simple: true })).toBe(2); // 2 = MEMORY
      db.exec('CREATE TABLE t (v TEXT)');
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 30_000; i++) insert.run(`${MARKER}${i}-${randomBytes(40).toString('hex')}`);
      })();
      db.pragma('cache_size = 16'); // pages: far below what the sort needs
      const before = new Set(openFiles().map((f) => f.fd));

      const rows = db.prepare('SELECT v FROM t ORDER BY v').iterate();
      let opened: { target: string; fd: string }[];
      let clear: string[];
      try {
        expect(rows.next().done).toBe(false); // the sorter has run; a spill file would be open now
        opened = openFiles().filter((f) => !before.has(f.fd) && f.target.startsWith('/'));
        clear = opened.filter((f) => fs.readFileSync(`/proc/self/fd/${f.fd}`).includes(MARKER)).map((f) => f.target);
      } finally {
        rows.return?.();
      }
      expect(opened.map((f) => f.target).filter((target) => !target.startsWith(dir))).toEqual([]);
      expect(clear).toEqual([]);
    } finally {
      db.close();
    }
    for (const name of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, name)).includes(MARKER), `${name} holds a row in clear`).toBe(false);
  });
});
