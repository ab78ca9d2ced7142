// The test harness: the core in Node with the file key store, the admin UI over HTTP on
// loopback, `window.vault` bridged to POST /__ipc/<channel>. Never part of the packaged app.
//   MNV_PASSPHRASE=... npm run harness -- --data-dir DIR [--port N] [--test-clock]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, createFileKeyStore, takePassphraseFromEnv, VaultOpenError, type Core } from '../../src-main/core';
import { createOffsetClock } from './clock';
import { createHarnessServer } from './server';

const USAGE = 'usage: npm run harness -- --data-dir DIR [--port N] [--test-clock]';
const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

function exitWith(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '0' },
        'test-clock': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const dataDir = values['data-dir'];
    const port = Number(values.port);
    if (!dataDir || !Number.isInteger(port) || port < 0 || port > 65535) exitWith(USAGE, 2);
    return { dataDir: path.resolve(dataDir), port, testClock: values['test-clock'] };
  } catch {
    exitWith(USAGE, 2);
  }
}

async function main() {
  const { dataDir, port, testClock } = parseOptions();
  // Read once and dropped from the environment, so nothing started later inherits it.
  const passphrase = takePassphraseFromEnv();
  if (!passphrase) exitWith(new VaultOpenError('PASSPHRASE_REQUIRED').message, 2);

  const clock = createOffsetClock();
  let core: Core;
  try {
    core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase }), clock });
  } catch (err) {
    if (err instanceof VaultOpenError) exitWith(err.message, 2);
    throw err;
  }

  const server = await createHarnessServer({ core, rendererDir, clock, testClock });
  let url: string;
  try {
    url = await server.listen(port);
  } catch (err) {
    await core.close();
    exitWith(`ポート ${port} で待ち受けできません: ${(err as Error).message}`, 1);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
    } finally {
      await core.close();
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());

  process.stdout.write(`harness ready ${url}\n`);
}

main().catch((err: unknown) => {
  const e = err instanceof Error ? err : new Error(String(err));
  exitWith(`harness: ${e.name}: ${e.message}`, 1);
});
