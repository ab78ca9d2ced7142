// Wraps a secret with a passphrase or recovery code: scrypt (N=2^17, r=8, p=1) derives an
// AES-256-GCM key; the salt, nonce and parameters travel with the ciphertext.
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';

interface WrappedSecret {
  v: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  nonce: string;
  ciphertext: string;
  tag: string;
}

const PARAMS = { N: 2 ** 17, r: 8, p: 1 };

function scrypt(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(secret.normalize('NFKC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function wrapSecret(plaintext: string, passphrase: string, label: string): Promise<string> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = await scrypt(passphrase, salt, PARAMS);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(label));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const wrapped: WrappedSecret = {
    v: 1,
    kdf: { name: 'scrypt', ...PARAMS, salt: salt.toString('base64') },
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
  return JSON.stringify(wrapped, null, 2);
}

/** Returns the plaintext, or null when the passphrase is wrong (the GCM tag does not verify). */
export async function unwrapSecret(text: string, passphrase: string, label: string): Promise<string | null> {
  const wrapped = JSON.parse(text) as WrappedSecret;
  if (wrapped.v !== 1 || wrapped.kdf.name !== 'scrypt') throw new Error('unknown wrapped-key format');
  const { N, r, p } = wrapped.kdf;
  const key = await scrypt(passphrase, Buffer.from(wrapped.kdf.salt, 'base64'), { N, r, p });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(wrapped.nonce, 'base64'));
  decipher.setAAD(Buffer.from(label));
  decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
