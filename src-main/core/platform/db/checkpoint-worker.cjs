// The WAL checkpointer's thread (see checkpointer.ts): a connection of its own to the vault's
// database that, every few hundred milliseconds, copies what the WAL holds into the database
// file (PASSIVE: it never waits for, nor blocks, the core's readers and writer). So the core's
// thread, which also serves the LAN listener, never stops for a checkpoint of the megabytes a
// burst of phone photos writes. It logs nothing; it tells the core how many frames it copied.
// CommonJS and plain JavaScript, like the QR worker, so that Node runs this file as it is in
// development and tests; scripts/build-electron.mjs bundles it beside the core host.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker script */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3-multiple-ciphers');

const { file, keyHex, nativeBinding, everyMs } = workerData;
if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new Error('database key must be 64 lowercase hex characters');
// As platform/db/open.ts opens it: SQLCipher 4 with a raw key; it writes nothing but checkpoints.
const db = new Database(file, nativeBinding ? { nativeBinding, fileMustExist: true } : { fileMustExist: true });
db.pragma(`cipher='sqlcipher'`);
db.pragma('legacy=4');
db.pragma(`key="x'${keyHex}'"`);
db.prepare('SELECT count(*) FROM sqlite_master').get();
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
// It never checkpoints on its own account: it writes nothing.
db.pragma('wal_autocheckpoint = 0');

let stopped = false;
const timer = setInterval(() => {
  if (stopped) return;
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  if (result && result.checkpointed > 0) parentPort.postMessage({ checkpointed: result.checkpointed });
}, everyMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
  parentPort.close();
});
parentPort.postMessage('ready');
