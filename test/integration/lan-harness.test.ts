// The harness's --lan-port: the LAN listener on 127.0.0.1 beside the admin UI, its URL and
// certificate fingerprint printed; a port already taken stops it with the message saying so.
import { spawn } from 'node:child_process';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src-shared/messages';
import { REPO_ROOT } from '../harness/support/spawn';
import { TEST_PASSPHRASE, tempDir } from '../support/vault';

function runHarness(lanPort: number) {
  const env = { ...process.env, MNV_PASSPHRASE: TEST_PASSPHRASE };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/harness/main.ts'), '--data-dir', tempDir('mnv-lan-harness-'), '--port', '0', '--lan-port', String(lanPort)], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string; fingerprint: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line\n${stderr}`)), 60_000);
    child.stdout.on('data', () => {
      const lan = /^lan ready (https:\/\/127\.0\.0\.1:\d+\/c\/) ([0-9A-F:]{95})$/m.exec(stdout);
      if (lan && /^harness ready /m.test(stdout)) {
        clearTimeout(timer);
        resolve({ url: lan[1]!, fingerprint: lan[2]! });
      }
    });
    void exited.then(() => reject(new Error(`exited\n${stderr}`)));
  });
  return { ready, exited, stderr: () => stderr, stop: () => child.kill('SIGTERM') };
}

/** The listener's certificate, taken from the handshake and trusted only if it has the printed fingerprint. */
function pinnedCertificate(port: number, fingerprint: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Verification is this pin: the certificate is accepted only for the fingerprint printed.
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      const cert = new X509Certificate(raw);
      if (cert.fingerprint256 !== fingerprint) reject(new Error('fingerprint mismatch'));
      else resolve(cert.toString());
    });
    socket.once('error', reject);
  });
}

describe('npm run harness -- --lan-port', () => {
  it('starts the listener on 127.0.0.1 and prints its URL and fingerprint', async () => {
    const harness = runHarness(0);
    try {
      const { url, fingerprint } = await harness.ready;
      const port = Number(new URL(url).port);
      const ca = await pinnedCertificate(port, fingerprint);
      const status = await new Promise<number>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port, path: '/c/', ca, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      harness.stop();
      await harness.exited;
    }
  });

  it('stops with the port-taken message when the LAN port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const harness = runHarness(port);
      harness.ready.catch(() => undefined);
      expect(await harness.exited).toBe(1);
      expect(harness.stderr()).toContain(formatMessage('ja', 'errors.lan.portInUse', { port }));
    } finally {
      blocker.close();
    }
  });
});
