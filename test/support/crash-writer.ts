// The child process of test/integration/crash-sigkill.test.ts: opens the vault database the
// way the core does (openEncryptedDatabase: SQLCipher 4, WAL, synchronous=FULL) and commits
// transactions in a loop until it is killed. Each transaction inserts probe row n, moves a
// one-row counter to n and appends an audit entry for n; `ack <n>` is written to stdout only
// after the commit has returned. Run as: node --import tsx test/support/crash-writer.ts
//
// stdin: one JSON object { dbFile, dbKey, auditKey }, then EOF. The keys never go on the
// command line, where any user of the machine could read them (they are test keys anyway).
//
// stdout, one line each, written synchronously so a line is in the pipe before the next
// transaction begins (a line read by the parent is never ahead of the database):
//   opening           about to open the database (the parent may aim a kill at the open)
//   ready <max>       opened; <max> is the highest n already in the table (0 if none)
//   ack <n>           the transaction for n has committed
import fs from 'node:fs';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { createAuditLog } from '../../src-main/core/platform/audit/audit-log';
import type { AuditAction, AuditTargetKind } from '../../src-shared/audit-vocabulary';

interface WriterInput {
  dbFile: string;
  dbKey: string;
  auditKey: string;
}

function say(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

async function readInput(): Promise<WriterInput> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return JSON.parse(text) as WriterInput;
}

const input = await readInput();
say('opening');
const db = openEncryptedDatabase(input.dbFile, { keyHex: input.dbKey });
// Checkpoint often, so that kills land while WAL frames are copied into the main file too,
// not only while they are appended to the WAL.
db.pragma('wal_autocheckpoint = 64');
db.exec(`
  CREATE TABLE IF NOT EXISTS crash_probe (
    n       INTEGER PRIMARY KEY,
    payload BLOB NOT NULL,
    digest  TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS crash_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
  ) STRICT;
`);
const audit = createAuditLog(db, input.auditKey);
const insert = db.prepare('INSERT INTO crash_probe (n, payload, digest) VALUES (?, ?, ?)');
const count = db.prepare('INSERT INTO crash_counter (id, n) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET n = excluded.n');
const commit = db.transaction((n: number) => {
  // From a few bytes to several pages, so that some transactions span many WAL frames and
  // overflow pages.
  const payload = randomBytes(randomInt(16, 12_000));
  insert.run(n, payload, createHash('sha256').update(payload).digest('hex'));
  count.run(n);
  // A probe entry outside the vault's vocabulary: this database is the test's own, not a vault.
  audit.append({ action: 'crash.probe' as AuditAction, targetType: 'probe' as AuditTargetKind, targetId: String(n), detail: { n } }, new Date());
});

let n = (db.prepare('SELECT coalesce(max(n), 0) AS n FROM crash_probe').get() as { n: number }).n;
say(`ready ${n}`);
for (;;) {
  n++;
  commit.immediate(n);
  say(`ack ${n}`);
}
