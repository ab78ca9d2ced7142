// Field encryption: values (My Numbers, ID images, TOTP secrets) sealed with AES-256-GCM
// under the field key, and the HMAC blind index that finds duplicates without the value.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE_BYTES = 12;
/** Nonces drawn from the CSPRNG this many at a time: one call per 4,096 seals (an import seals 100,000 numbers). */
const NONCES_PER_DRAW = 4096;

export interface FieldCrypto {
  /** Sealed form: version byte ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag. `context` is bound as AAD. */
  seal(plaintext: Buffer | string, context: string): Buffer;
  open(sealed: Buffer, context: string): Buffer;
  /** Deterministic HMAC-SHA256 of a normalised value, hex; for equality look-ups only. */
  blindIndex(value: string, purpose: string): string;
}

export function createFieldCrypto(fieldKeyHex: string, indexKeyHex: string): FieldCrypto {
  const fieldKey = Buffer.from(fieldKeyHex, 'hex');
  const indexKey = Buffer.from(indexKeyHex, 'hex');
  // Nonces are not secret, only never reused: random ones taken in turn from a block drawn at once.
  let nonces = Buffer.alloc(0);
  let next = 0;
  const nextNonce = () => {
    if (next + NONCE_BYTES > nonces.length) {
      nonces = randomBytes(NONCE_BYTES * NONCES_PER_DRAW);
      next = 0;
    }
    next += NONCE_BYTES;
    return nonces.subarray(next - NONCE_BYTES, next);
  };
  return {
    seal(plaintext, context) {
      const nonce = nextNonce();
      const cipher = createCipheriv('aes-256-gcm', fieldKey, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      // Written once into the sealed buffer: an ID image is a megabyte or more, and each copy of
      // it is memory for the garbage collector to reclaim.
      const body = cipher.update(plaintext);
      const rest = cipher.final(); // empty for GCM, but its contract is to be appended
      const tag = cipher.getAuthTag();
      const sealed = Buffer.allocUnsafe(1 + NONCE_BYTES + body.length + rest.length + tag.length);
      sealed[0] = VERSION;
      let at = 1 + nonce.copy(sealed, 1);
      at += body.copy(sealed, at);
      at += rest.copy(sealed, at);
      tag.copy(sealed, at);
      return sealed;
    },
    open(sealed, context) {
      if (sealed.length < 1 + 12 + 16 || sealed[0] !== VERSION) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', fieldKey, sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const body = decipher.update(sealed.subarray(13, sealed.length - 16));
      const rest = decipher.final();
      return rest.length === 0 ? body : Buffer.concat([body, rest]);
    },
    blindIndex(value, purpose) {
      return createHmac('sha256', indexKey).update(`${purpose}\0${value}`, 'utf8').digest('hex');
    },
  };
}
