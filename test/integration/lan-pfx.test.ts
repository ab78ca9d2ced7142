// A certificate imported as PFX (.pfx/.p12, as Windows and company CAs export one, made here by
// the openssl CLI): ECDSA and RSA alike, the leaf first when the file also holds its CA; the
// listener then serves it and only it verifies. A wrong password or a file that is no PFX is
// refused with a clear message and changes nothing; the password never reaches the trail.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSelfSigned } from '../../src-main/core/platform/tls/certificate';
import { openLanVault, phoneRequest, type LanVault } from '../support/lan';
import { must, tempDir } from '../support/vault';

const PFX_PASSWORD = 'pfx-export-password-2026';
let vault: LanVault;
let dir: string;

beforeAll(async () => {
  vault = await openLanVault();
  dir = tempDir('mnv-pfx-');
});
afterAll(() => vault.core.close());

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A PFX of this key and certificate (and a CA certificate, when given), as `openssl pkcs12 -export` writes it. */
function pfxOf(name: string, keyPem: string, certPem: string, caPem?: string): Buffer {
  fs.writeFileSync(path.join(dir, `${name}.key`), keyPem);
  fs.writeFileSync(path.join(dir, `${name}.crt`), certPem);
  if (caPem) fs.writeFileSync(path.join(dir, `${name}-ca.crt`), caPem);
  openssl('pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.crt`, ...(caPem ? ['-certfile', `${name}-ca.crt`] : []), '-out', `${name}.pfx`, '-passout', `pass:${PFX_PASSWORD}`);
  return fs.readFileSync(path.join(dir, `${name}.pfx`));
}

const configure = (certificate: unknown) => vault.core.call(vault.admin, 'lan.configure', { enabled: true, host: '127.0.0.1', port: vault.port, certificate }) as Promise<any>;

describe('importing a PFX', () => {
  it('serves an ECDSA certificate from a PFX that also holds a CA certificate', async () => {
    const company = await generateSelfSigned({ ips: ['127.0.0.1'], dnsNames: ['vault.example.internal'] }, new Date());
    const ca = await generateSelfSigned({ ips: [], dnsNames: ['ca.example.internal'] }, new Date());
    const pfx = pfxOf('ec', company.keyPem, company.certPem, ca.certPem);
    const r = await configure({ pfxBase64: pfx.toString('base64'), passphrase: PFX_PASSWORD });
    expect(r).toMatchObject({ ok: true, value: { running: true, certificateSource: 'imported', fingerprint: new X509Certificate(company.certPem).fingerprint256 } });
    expect((await phoneRequest({ port: vault.port, ca: company.certPem }, 'GET', '/c/')).status).toBe(200);
    const audit = JSON.stringify(await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'lan.configure' }, limit: 5 }));
    expect(audit).not.toContain(PFX_PASSWORD);
  });

  it('serves an RSA certificate from a PFX', async () => {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'rsa.key', '-out', 'rsa.crt', '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    const keyPem = fs.readFileSync(path.join(dir, 'rsa.key'), 'utf8');
    const certPem = fs.readFileSync(path.join(dir, 'rsa.crt'), 'utf8');
    const r = await configure({ pfxBase64: pfxOf('rsa', keyPem, certPem).toString('base64'), passphrase: PFX_PASSWORD });
    expect(r).toMatchObject({ ok: true, value: { certificateSource: 'imported', fingerprint: new X509Certificate(certPem).fingerprint256 } });
    expect((await phoneRequest({ port: vault.port, ca: certPem }, 'GET', '/c/')).status).toBe(200);
  });

  it('refuses a wrong password and a file that is no PFX, keeping the certificate served', async () => {
    const before = (await must(vault.core, vault.admin, 'lan.status', {})).fingerprint;
    const company = await generateSelfSigned({ ips: ['127.0.0.1'], dnsNames: [] }, new Date());
    const pfx = pfxOf('wrong', company.keyPem, company.certPem);
    for (const certificate of [
      { pfxBase64: pfx.toString('base64'), passphrase: 'not-the-password' },
      { pfxBase64: Buffer.from('-----BEGIN CERTIFICATE-----\nnot a pfx\n').toString('base64'), passphrase: PFX_PASSWORD },
    ]) {
      const r = await configure(certificate);
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.lan.badPfx' } });
      expect(JSON.stringify(r)).not.toContain('not-the-password');
    }
    expect((await must(vault.core, vault.admin, 'lan.status', {})).fingerprint).toBe(before);
  });
});
