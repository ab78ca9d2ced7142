// The test harness: the core in Node with the file key store, the admin UI over HTTP on
// loopback, `window.vault` bridged to POST /__ipc/<channel>. Never part of the packaged app.
//   MNV_PASSPHRASE=... npm run harness -- --data-dir DIR [--port N] [--test-clock] [--lan] [--lan-port M]
// --lan-port also starts the LAN listener (HTTPS, the phone API) on 127.0.0.1:M (0: any free port);
// --lan only lets it be turned on from the admin UI (lan.configure), as in the desktop app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, createFileKeyStore, takePassphraseFromEnv, VaultOpenError, type Core } from '../../src-main/core';
import { createLanListenerHost } from '../../src-main/lan';
import { formatMessage } from '../../src-shared/messages';
import { createOffsetClock } from './clock';
import { createHarnessServer } from './server';

const USAGE = 'usage: npm run harness -- --data-dir DIR [--port N] [--test-clock] [--lan] [--lan-port M]';
const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

/** The version in package.json, as the desktop app shows its own. */
function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as { version: string }).version;
}

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
        lan: { type: 'boolean', default: false },
        'lan-port': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    const dataDir = values['data-dir'];
    const port = Number(values.port);
    const lanPort = values['lan-port'] === undefined ? null : Number(values['lan-port']);
    const badPort = (p: number) => !Number.isInteger(p) || p < 0 || p > 65535;
    if (!dataDir || badPort(port) || (lanPort !== null && badPort(lanPort))) exitWith(USAGE, 2);
    return { dataDir: path.resolve(dataDir), port, testClock: values['test-clock'], lan: values.lan || lanPort !== null, lanPort };
  } catch {
    exitWith(USAGE, 2);
  }
}

async function main() {
  const { dataDir, port, testClock, lan, lanPort } = parseOptions();
  // Read once and dropped from the environment, so nothing started later inherits it.
  const passphrase = takePassphraseFromEnv();
  if (!passphrase) exitWith(new VaultOpenError('PASSPHRASE_REQUIRED').message, 2);

  const clock = createOffsetClock();
  let core: Core;
  try {
    core = await createCore({
      dataDir,
      keyStore: createFileKeyStore({ dataDir, passphrase }),
      clock,
      appVersion: packageVersion(),
      // The phone form as `npm run build:renderer` built it (the placeholder page until then).
      ...(lan ? { listenerHost: createLanListenerHost({ formDir: path.join(rendererDir, 'collect') }) } : {}),
    });
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

  if (lanPort !== null) {
    try {
      const lan = await core.lan.startOn({ host: '127.0.0.1', port: lanPort });
      process.stdout.write(`lan ready ${lan.urls[0]} ${lan.fingerprint}\n`);
    } catch (err) {
      await server.close();
      await core.close();
      const e = err as { messageKey?: string; params?: Record<string, string | number>; message?: string };
      exitWith(e.messageKey ? formatMessage('ja', e.messageKey, e.params) : `LAN: ${e.message ?? 'error'}`, 1);
    }
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
