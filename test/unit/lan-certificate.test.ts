// The listener's generated certificate: ECDSA P-256, a leaf for server authentication naming
// the given addresses and host name, and the rule for making it again (a name no longer
// covered, or less than 30 days left).
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeCertificate, generateSelfSigned, keyMatches, stillCovers } from '../../src-main/core/platform/tls/certificate';

const DAY = 24 * 60 * 60 * 1000;

describe('the generated certificate', () => {
  it('names the addresses and host, and its key belongs to it', async () => {
    const names = { ips: ['192.168.10.5', '127.0.0.1', 'fd00::5'], dnsNames: ['office-pc'] };
    const now = new Date('2026-12-01T00:00:00Z');
    const { certPem, keyPem } = await generateSelfSigned(names, now);
    const cert = new X509Certificate(certPem);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.ca).toBe(false);
    expect(keyMatches(certPem, keyPem)).toBe(true);
    const facts = describeCertificate(certPem);
    expect(facts.dnsNames).toEqual(['office-pc']);
    expect(facts.ips.slice(0, 2)).toEqual(['192.168.10.5', '127.0.0.1']);
    expect(facts.fingerprint).toBe(cert.fingerprint256);
    expect(facts.notAfter.getTime() - now.getTime()).toBeLessThanOrEqual(398 * DAY);

    expect(stillCovers(facts, names, now)).toBe(true);
    expect(stillCovers(facts, { ips: ['192.168.10.5'], dnsNames: [] }, now)).toBe(true);
    expect(stillCovers(facts, { ips: ['fd00:0:0:0:0:0:0:5'], dnsNames: [] }, now)).toBe(true);
    expect(stillCovers(facts, { ips: ['192.168.10.6'], dnsNames: [] }, now), 'a new address').toBe(false);
    expect(stillCovers(facts, { ips: [], dnsNames: ['renamed-pc'] }, now), 'a new host name').toBe(false);
    expect(stillCovers(facts, names, new Date(facts.notAfter.getTime() - 29 * DAY)), 'near its end').toBe(false);
  });

  it('tells a key of another certificate, and what is not PEM', async () => {
    const a = await generateSelfSigned({ ips: ['127.0.0.1'], dnsNames: [] }, new Date());
    const b = await generateSelfSigned({ ips: ['127.0.0.1'], dnsNames: [] }, new Date());
    expect(keyMatches(a.certPem, b.keyPem)).toBe(false);
    expect(keyMatches('not a certificate', a.keyPem)).toBe(false);
    expect(keyMatches(a.certPem, 'not a key')).toBe(false);
  });
});
