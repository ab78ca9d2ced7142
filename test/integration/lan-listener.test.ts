// The LAN listener over real TLS on 127.0.0.1, verified against its own generated certificate:
// TLS 1.2 at least (1.0 and 1.1 handshakes refused by the server), nothing served but /c/ (the
// built phone form: its page and hashed files, by GET only; the placeholder page without a build)
// and /c/api/*, security headers and no-store on every answer, a 50 MB body refused at once, the
// client address ranges enforced, rate limits, off by default, and a port already taken
// refused with a message saying so.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { generateSelfSigned } from '../../src-main/core/platform/tls/certificate';
import { createLanListenerHost } from '../../src-main/lan';
import { formatMessage } from '../../src-shared/messages';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, phoneRequest, type LanVault } from '../support/lan';
import { openRawDb } from '../support/raw-db';
import { ADMIN, must, setupAdmin, tempDir, TEST_PASSPHRASE } from '../support/vault';
import { freePort } from '../support/free-port';

/** A built phone form as vite lays it out (dist/renderer/collect), with a dotfile and a folder beside it. */
function fakeFormBuild(): string {
  const dir = tempDir('mnv-form-build-');
  fs.mkdirSync(path.join(dir, 'assets', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>FORM-PAGE</title><script type="module" src="./assets/index-Ab12Cd34.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("FORM-SCRIPT");');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ef56Gh78.css'), 'body{color:#123}');
  fs.writeFileSync(path.join(dir, 'assets', '.env'), 'SECRET=1');
  fs.writeFileSync(path.join(dir, 'assets', 'nested', 'chunk.js'), 'NESTED');
  fs.writeFileSync(path.join(dir, 'beside-assets.txt'), 'NOT-SERVED');
  return dir;
}

let vault: LanVault;
beforeAll(async () => {
  vault = await openLanVault({ formDir: fakeFormBuild() });
});
afterAll(() => vault.core.close());

function handshake(version: tls.SecureVersion, target: { port: number; ca: string } = vault): Promise<{ ok: boolean; protocol?: string | null; error?: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: target.port,
      ca: target.ca,
      minVersion: version,
      maxVersion: version,
      // OpenSSL 3 refuses TLS < 1.2 on the client side at its default security level: lowered
      // here so that it is the server that refuses.
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      const protocol = socket.getProtocol();
      socket.end();
      resolve({ ok: true, protocol });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, error: err.code ?? err.message }));
  });
}

const SECURITY_HEADERS = {
  'content-security-policy': expect.stringContaining("default-src 'self'"),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

describe('TLS', () => {
  it('speaks TLS 1.2 and 1.3 with a certificate that verifies for 127.0.0.1', async () => {
    expect(await handshake('TLSv1.2')).toEqual({ ok: true, protocol: 'TLSv1.2' });
    expect(await handshake('TLSv1.3')).toEqual({ ok: true, protocol: 'TLSv1.3' });
  });

  it('refuses TLS 1.0 and 1.1 handshakes (the server does: the client offers them)', async () => {
    // The control: this client does complete TLS 1.0 and 1.1 with a server that allows them...
    const names = { ips: ['127.0.0.1'], dnsNames: [] };
    const { certPem, keyPem } = await generateSelfSigned(names, new Date());
    const permissive = tls.createServer({ key: keyPem, cert: certPem, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (s) => s.end());
    await new Promise<void>((resolve) => permissive.listen(0, '127.0.0.1', resolve));
    try {
      const control = { port: (permissive.address() as net.AddressInfo).port, ca: certPem };
      expect(await handshake('TLSv1', control)).toEqual({ ok: true, protocol: 'TLSv1' });
      expect(await handshake('TLSv1.1', control)).toEqual({ ok: true, protocol: 'TLSv1.1' });
    } finally {
      permissive.close();
    }
    // ...and the listener refuses the very same handshakes.
    for (const version of ['TLSv1', 'TLSv1.1'] as const) {
      const r = await handshake(version);
      expect(r.ok, version).toBe(false);
      expect(r.error, version).toMatch(/ALERT|VERSION|PROTOCOL/i);
    }
  });

  it('uses an ECDSA P-256 certificate naming 127.0.0.1 and the host, with the fingerprint lan.status reports', async () => {
    const cert = new X509Certificate(vault.ca);
    expect(cert.publicKey.asymmetricKeyType).toBe('ec');
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    const status = await must(vault.core, vault.admin, 'lan.status', {});
    expect(status).toMatchObject({ running: true, fingerprint: cert.fingerprint256, certificateSource: 'generated' });
    expect(status.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});

describe('what is served', () => {
  it('serves the form page at /c/ with the security headers', async () => {
    const r = await phoneRequest(vault, 'GET', '/c/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers).toMatchObject(SECURITY_HEADERS);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['content-security-policy']).toContain("img-src 'self' blob:");
    expect(r.text).toContain('FORM-PAGE');
  });

  it("serves the form's files under /c/assets/, by GET only, with the same headers", async () => {
    const script = await phoneRequest(vault, 'GET', '/c/assets/index-Ab12Cd34.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.headers).toMatchObject(SECURITY_HEADERS);
    expect(script.headers.etag).toBeUndefined();
    expect(script.text).toBe('console.log("FORM-SCRIPT");');
    const style = await phoneRequest(vault, 'GET', '/c/assets/index-Ef56Gh78.css');
    expect(style.headers['content-type']).toMatch(/^text\/css/);
    expect(style.text).toBe('body{color:#123}');
    // A file a build would put in a folder of assets is served too (vite writes none, but nothing refuses it).
    expect((await phoneRequest(vault, 'GET', '/c/assets/nested/chunk.js')).text).toBe('NESTED');

    // No listing, no dotfile, nothing outside the assets folder, no other method.
    const refused: [string, string][] = [
      ['GET', '/c/assets/'],
      ['GET', '/c/assets'],
      ['GET', '/c/assets/nested/'],
      ['GET', '/c/assets/.env'],
      ['GET', '/c/assets/missing.js'],
      ['GET', '/c/assets/../index.html'],
      ['GET', '/c/assets/..%2findex.html'],
      ['GET', '/c/assets/%2e%2e/beside-assets.txt'],
      ['GET', '/c/beside-assets.txt'],
      ['GET', '/c/index.html'],
      ['HEAD', '/c/assets/index-Ab12Cd34.js'],
      ['POST', '/c/assets/index-Ab12Cd34.js'],
      ['DELETE', '/c/assets/index-Ab12Cd34.js'],
      ['HEAD', '/c/'],
    ];
    for (const [method, url] of refused) {
      const r = await phoneRequest(vault, method, url);
      expect(r.status, `${method} ${url}`).toBe(404);
      expect(r.headers, `${method} ${url}`).toMatchObject(SECURITY_HEADERS);
      expect(r.text, `${method} ${url}`).not.toMatch(/SECRET|NOT-SERVED|FORM-|chunk\.js|index-/);
    }
  });

  it('serves the placeholder page at /c/ when the form is not built', async () => {
    const unbuilt = await openLanVault({ formDir: tempDir('mnv-form-unbuilt-') });
    try {
      const r = await phoneRequest(unbuilt, 'GET', '/c/');
      expect(r.status).toBe(200);
      expect(r.headers).toMatchObject(SECURITY_HEADERS);
      expect(r.text).toContain('登録フォームは準備中です');
      expect((await phoneRequest(unbuilt, 'GET', '/c/assets/index.js')).status).toBe(404);
    } finally {
      await unbuilt.core.close();
    }
  });

  it('answers every other path 404 with no detail, headers and no-store included', async () => {
    const paths = ['/', '/c', '/c/index.html', '/admin/', '/__ipc/auth.login', '/c/../etc/passwd', '/c/%2e%2e/%2e%2e/etc/passwd', '/favicon.ico', '/c/api', '/c/api/../../x'];
    for (const path of paths) {
      const r = await phoneRequest(vault, 'GET', path);
      expect(r.status, path).toBe(404);
      expect(r.headers, path).toMatchObject(SECURITY_HEADERS);
      expect(r.text, path).not.toMatch(/Route|GET:|etc|passwd|admin/);
    }
    for (const [method, path] of [['POST', '/c/'], ['GET', '/c/api/open'], ['PUT', '/c/api/open'], ['GET', '/c/api/submit'], ['OPTIONS', '/c/api/open'], ['DELETE', '/c/']]) {
      const r = await phoneRequest(vault, method!, path!);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.text).not.toContain(path!);
    }
    const api = await phoneRequest(vault, 'POST', '/c/api/nothing', {});
    expect(api.json).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: formatMessage('ja', 'errors.collection.notFound'), messageKey: 'errors.collection.notFound' } });
  });

  it('takes JSON only', async () => {
    const r = await phoneRequest(vault, 'POST', '/c/api/open', 'token=x&passcode=y', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.collection.badRequest' } });
    const plain = await phoneRequest(vault, 'POST', '/c/api/open', '{"token":"x","passcode":"y"}', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const broken = await phoneRequest(vault, 'POST', '/c/api/open', '{"token":', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(broken.text).not.toMatch(/Unexpected|JSON at position|stack/);
  });

  it('refuses a 50 MB body as soon as its size is declared, without reading it in', async () => {
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const result = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = https.request(
        { host: '127.0.0.1', port: vault.port, method: 'POST', path: '/c/api/open', ca: vault.ca, agent: false, headers: { 'content-type': 'application/json', 'content-length': total } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body, sent });
            req.destroy();
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(err.code ?? '') ? undefined : reject(err)));
      // Sends slowly, a chunk at a time, so the answer can arrive long before the end.
      const pump = () => {
        if (req.destroyed || sent >= total) return;
        sent += chunk.length;
        if (req.write(chunk)) setTimeout(pump, 5);
        else req.once('drain', pump);
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.collection.bodyTooLarge' } });
    expect(result.sent).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a chunked body (no declared size) once it passes the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port: vault.port, method: 'POST', path: '/c/api/open', ca: vault.ca, agent: false, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(err.code ?? '') ? undefined : reject(err)));
      req.write('{"token":"x","passcode":"');
      for (let i = 0; i < 10; i++) req.write('y'.repeat(16 * 1024));
      req.end('"}');
    });
    expect(status).toBe(413);
  });
});

describe('rate limits and client ranges', () => {
  it('limits link openings per client address per minute', async () => {
    const limited = await openLanVault({ opensPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await openLink(limited, { token: `unknown-${i}`, passcode: 'x' })).status);
      expect(statuses).toEqual([403, 403, 403, 429, 429]);
      const r = await openLink(limited, { token: 'unknown', passcode: 'x' });
      expect(r.json).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: formatMessage('ja', 'errors.collection.tooManyAttempts'), messageKey: 'errors.collection.tooManyAttempts' } });
    } finally {
      await limited.core.close();
    }
  });

  it('refuses clients outside the allowed ranges, before anything else', async () => {
    const id = await newRegistrant(vault.core, vault.admin, { familyName: '範囲', familyNameKana: 'ハンイ' });
    const { token } = await issueLink(vault.core, vault.admin, id);
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    const configure = (allowedCidrs: string[]) => must(vault.core, vault.admin, 'lan.configure', { enabled: true, host: '127.0.0.1', port: vault.port, allowedCidrs });
    await configure(['10.0.0.0/8', 'fd00::/8']);
    const page = await phoneRequest(vault, 'GET', '/c/');
    expect(page.status).toBe(403);
    const refused = await openLink(vault, { token, passcode: PASSCODE });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.collection.addressNotAllowed' } });
    expect(refused.text).not.toContain('範囲');
    await configure(['127.0.0.0/8']);
    expect((await openLink(vault, { token, passcode: PASSCODE })).json).toMatchObject({ ok: true, value: { registrant: { displayName: '範囲 太郎' } } });
    await configure([]);
    const bad = await vault.core.call(vault.admin, 'lan.configure', { enabled: true, host: '127.0.0.1', port: vault.port, allowedCidrs: ['10.0.0.0/33'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the certificate', () => {
  it('keeps the private key sealed in the vault, never as PEM', async () => {
    const raw = await openRawDb(vault.dataDir, vault.core.vaultId);
    try {
      const stored = (raw.prepare("SELECT value FROM settings WHERE key = 'lan.certificate'").get() as { value: string }).value;
      expect(stored).not.toContain('PRIVATE KEY');
      expect(JSON.parse(stored)).toEqual({ source: 'generated', certPem: vault.ca, keySealed: expect.any(String) });
    } finally {
      raw.close();
    }
  });

  it('serves an imported PEM certificate, and refuses a key that is not its own', async () => {
    const fresh = await openLanVault();
    try {
      const company = await generateSelfSigned({ ips: ['127.0.0.1'], dnsNames: ['vault.example.internal'] }, new Date());
      const other = await generateSelfSigned({ ips: ['127.0.0.1'], dnsNames: [] }, new Date());
      const configure = (certificate: unknown) =>
        fresh.core.call(fresh.admin, 'lan.configure', { enabled: true, host: '127.0.0.1', port: fresh.port, certificate });
      expect(await configure({ certPem: company.certPem, keyPem: other.keyPem })).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.lan.badCertificate' } });
      const r = await configure({ certPem: company.certPem, keyPem: company.keyPem });
      expect(r).toMatchObject({ ok: true, value: { running: true, certificateSource: 'imported', fingerprint: new X509Certificate(company.certPem).fingerprint256 } });
      // Only the imported certificate verifies now.
      expect((await phoneRequest({ port: fresh.port, ca: company.certPem }, 'GET', '/c/')).status).toBe(200);
      await expect(phoneRequest({ port: fresh.port, ca: fresh.ca }, 'GET', '/c/')).rejects.toThrow();
      // Asked for, a new generated one replaces it.
      const again = await configure({ generate: true });
      expect(again).toMatchObject({ ok: true, value: { certificateSource: 'generated' } });
      const audit = await must(fresh.core, fresh.admin, 'audit.query', { filter: { action: 'lan.configure' }, limit: 5 });
      expect(audit.rows.map((row: any) => row.detail.certificate)).toEqual(['generated', 'imported']);
      expect(JSON.stringify(audit)).not.toContain('PRIVATE KEY');
    } finally {
      await fresh.core.close();
    }
  });
});

describe('turning it on', () => {
  it('is off by default, and cannot be turned on before a company passcode is set', async () => {
    const dataDir = tempDir('mnv-lan-off-');
    const core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }), listenerHost: createLanListenerHost() });
    try {
      const admin = await setupAdmin(core);
      const status = await must(core, admin.session, 'lan.status', {});
      expect(status).toMatchObject({ running: false, config: { enabled: false, port: 8443, allowedCidrs: [] }, problem: null });
      expect(status.urls.every((u: string) => u.endsWith(':8443/c/'))).toBe(true);
      await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
      const port = await freePort();
      const r = await core.call(admin.session, 'lan.configure', { enabled: true, host: '127.0.0.1', port });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.lan.passcodeFirst' } });
      expect(await connects(port)).toBe(false);
    } finally {
      await core.close();
    }
  });

  it('comes up again when the vault is next opened, once an admin has turned it on', async () => {
    const fresh = await openLanVault();
    const port = await freePort();
    await must(fresh.core, fresh.admin, 'lan.configure', { enabled: true, host: '127.0.0.1', port });
    await fresh.core.close();
    expect(await connects(port)).toBe(false);
    const reopened = await createCore({ dataDir: fresh.dataDir, keyStore: createFileKeyStore({ dataDir: fresh.dataDir, passphrase: TEST_PASSPHRASE }), listenerHost: createLanListenerHost() });
    try {
      expect(reopened.lan.status()).toMatchObject({ running: true, config: { enabled: true, host: '127.0.0.1', port }, fingerprint: fresh.fingerprint });
      expect((await phoneRequest({ port, ca: fresh.ca }, 'GET', '/c/')).status).toBe(200);
    } finally {
      await reopened.close();
    }
    expect(await connects(port)).toBe(false);
  });

  it('needs the password re-entered to change it', async () => {
    const fresh = await openLanVault();
    try {
      fresh.clock.advance(6 * 60_000); // past the window the set-up's re-entry opened
      const r = await fresh.core.call(fresh.admin, 'lan.configure', { enabled: false, host: '127.0.0.1' });
      expect(r).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    } finally {
      await fresh.core.close();
    }
  });

  it('refuses a port already taken with a clear message in both languages, changing nothing', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
      const before = await must(vault.core, vault.admin, 'lan.status', {});
      const r = await vault.core.call(vault.admin, 'lan.configure', { enabled: true, host: '127.0.0.1', port: taken });
      expect(r).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: formatMessage('ja', 'errors.lan.portInUse', { port: taken, host: '127.0.0.1' }), messageKey: 'errors.lan.portInUse', params: { port: taken, host: '127.0.0.1' } },
      });
      expect(formatMessage('ja', 'errors.lan.portInUse', { port: taken })).toContain(`ポート ${taken} は他のプログラムが使っている`);
      expect(formatMessage('en', 'errors.lan.portInUse', { port: taken })).toContain(`Port ${taken} is in use`);
      const after = await must(vault.core, vault.admin, 'lan.status', {});
      expect(after.config).toEqual(before.config);
      expect(after).toMatchObject({ running: false, problem: 'errors.lan.portInUse' });
      const audit = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'lan.configure' }, limit: 1 });
      expect(audit.rows[0]).toMatchObject({ outcome: 'failure', detail: { reason: 'port_in_use', port: taken } });
    } finally {
      blocker.close();
      // Back on its own port for the other tests.
      await vault.core.lan.startOn({ host: '127.0.0.1', port: vault.port });
    }
  });
});

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
