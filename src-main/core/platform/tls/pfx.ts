// A PKCS#12 (.pfx/.p12) file, as Windows and company CAs hand out a server certificate, read
// into the PEM certificate (chain) and private key the listener uses. node-forge opens the
// container (Node's crypto can use a PFX but not read one out); the key and certificates are
// then read by Node's own crypto, so RSA and ECDSA alike work. The passphrase is used here
// and nowhere else.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

/** The leaf certificate (then its chain) and its key as PEM, or null when the file or passphrase is wrong. */
export function pemFromPfx(file: Buffer, passphrase: string): { certPem: string; keyPem: string } | null {
  let keys: KeyObject[];
  let certs: X509Certificate[];
  try {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary'))), false, passphrase);
    const bagsOf = (oid: string | undefined) => (oid ? (p12.getBags({ bagType: oid })[oid] ?? []) : []);
    const { oids } = forge.pki;
    const keyBags = [...bagsOf(oids.pkcs8ShroudedKeyBag), ...bagsOf(oids.keyBag)];
    // An RSA key forge has parsed is wrapped back into PKCS#8; any other kind it leaves as ASN.1.
    keys = keyBags.map((bag) =>
      createPrivateKey({ key: der(bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1!), format: 'der', type: 'pkcs8' }),
    );
    certs = bagsOf(oids.certBag).map((bag) => new X509Certificate(der(bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1!)));
  } catch {
    return null;
  }
  const key = keys[0];
  if (keys.length !== 1 || !key) return null;
  const leaf = certs.find((c) => c.checkPrivateKey(key));
  if (!leaf) return null;
  const chain = certs.filter((c) => c !== leaf);
  return { certPem: [leaf, ...chain].map((c) => c.toString()).join(''), keyPem: key.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
