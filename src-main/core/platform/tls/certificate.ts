// The LAN listener's TLS certificate: a self-signed ECDSA P-256 one generated for this
// machine's LAN addresses and host name (@peculiar/x509 over Node's WebCrypto), or one
// imported as PEM; read back for its SHA-256 fingerprint, names and expiry.
import 'reflect-metadata'; // @peculiar/x509 (through tsyringe) needs the Reflect metadata API
import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** A generated certificate lasts this long (below the 398 days browsers accept for a leaf). */
const VALID_DAYS = 397;
/** Generated again when it has less than this left. */
export const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

export interface CertificateFacts {
  /** SHA-256 over the DER, as AA:BB:... */
  fingerprint: string;
  /** The subject alternative names: IP addresses and DNS names. */
  ips: string[];
  dnsNames: string[];
  notAfter: Date;
}

export interface MachineNames {
  hostName: string;
  /** Non-internal IPv4 and IPv6 addresses (IPv6 link-local ones left out: they carry a zone). */
  addresses: string[];
}

/** This machine's LAN addresses and host name, as a certificate should name them. */
export function machineNames(): MachineNames {
  const addresses = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv6' && /^fe[89ab]/i.test(a.address)) continue;
      addresses.add(a.address);
    }
  }
  return { hostName: os.hostname(), addresses: [...addresses] };
}

/** The names a generated certificate covers: the LAN addresses, loopback and the host name. */
export function namesToCover(machine: MachineNames): { ips: string[]; dnsNames: string[] } {
  const ips = [...new Set([...machine.addresses, '127.0.0.1'])];
  const dnsNames = machine.hostName && !net.isIP(machine.hostName) ? [machine.hostName] : [];
  return { ips, dnsNames };
}

export async function generateSelfSigned(names: { ips: string[]; dnsNames: string[] }, now: Date): Promise<{ certPem: string; keyPem: string }> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  serial[0] = serial[0]! & 0x7f; // a positive serial number
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: 'CN=MyNumber Vault, O=MyNumber Vault',
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([SERVER_AUTH]),
      new x509.SubjectAlternativeNameExtension([
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
        ...names.dnsNames.map((value) => ({ type: 'dns' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
  return { certPem: cert.toString('pem'), keyPem };
}

/** The facts of a PEM certificate; throws when it is not one. */
export function describeCertificate(certPem: string): CertificateFacts {
  const cert = new X509Certificate(certPem);
  const ips: string[] = [];
  const dnsNames: string[] = [];
  for (const part of (cert.subjectAltName ?? '').split(/,\s*/)) {
    if (part.startsWith('IP Address:')) ips.push(part.slice('IP Address:'.length));
    else if (part.startsWith('DNS:')) dnsNames.push(part.slice('DNS:'.length));
  }
  return { fingerprint: cert.fingerprint256, ips, dnsNames, notAfter: new Date(cert.validTo) };
}

/** Whether the certificate and key are readable PEM and belong together. */
export function keyMatches(certPem: string, keyPem: string): boolean {
  try {
    return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

/** Whether a generated certificate still serves: it covers these names and is not near its end. */
export function stillCovers(facts: CertificateFacts, names: { ips: string[]; dnsNames: string[] }, now: Date): boolean {
  const normal = (ip: string) => (net.isIPv6(ip) ? new net.SocketAddress({ address: ip, family: 'ipv6' }).address : ip);
  const have = new Set(facts.ips.map(normal));
  return (
    names.ips.every((ip) => have.has(normal(ip))) &&
    names.dnsNames.every((d) => facts.dnsNames.includes(d)) &&
    facts.notAfter.getTime() - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS
  );
}
