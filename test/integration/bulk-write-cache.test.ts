// A bulk write (a CSV import's one transaction) runs with a smaller page cache, and the
// connection has its usual cache again afterwards, however the write ends.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase, withBulkWriteCache, type Db } from '../../src-main/core/platform/db/open';
import { tempDir } from '../support/vault';

let dir: string;
let db: Db;
const cacheKib = () => -Number(db.pragma('cache_size', { simple: true }));

beforeEach(() => {
  dir = tempDir('mnv-bulk-cache-');
  db = openEncryptedDatabase(path.join(dir, 'vault.db'), { keyHex: randomBytes(32).toString('hex') });
  db.exec('CREATE TABLE t (v TEXT)');
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the page cache of a bulk write', () => {
  it('is 64 MiB on an opened vault, 16 MiB during the write, 64 MiB again after it', () => {
    expect(cacheKib()).toBe(65_536);
    const seen = withBulkWriteCache(db, () => {
      db.prepare('INSERT INTO t VALUES (?)').run('x');
      return cacheKib();
    });
    expect(seen).toBe(16_384);
    expect(cacheKib()).toBe(65_536);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  });

  it('is back at 64 MiB after a write that throws, and the error is the write’s', () => {
    expect(() =>
      withBulkWriteCache(db, () =>
        db.transaction(() => {
          db.prepare('INSERT INTO t VALUES (?)').run('y');
          throw new Error('refused row');
        })(),
      ),
    ).toThrow('refused row');
    expect(cacheKib()).toBe(65_536);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
