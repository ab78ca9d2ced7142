import { describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../../src-main/core/platform/crypto/field';
import { generateRecoveryCode, normalizeRecoveryCode } from '../../src-main/core/platform/keys/recovery';
import { generatePendingRekey, generateVaultKeys, parseVaultKeys, serializeVaultKeys } from '../../src-main/core/platform/keys/vault-keys';
import { unwrapSecret, wrapSecret } from '../../src-main/core/platform/keys/wrap';
import { generateMyNumber } from '../support/numbers';

describe('vault keys', () => {
  it('are four independent random 32-byte keys that round-trip through their serial form', () => {
    const keys = generateVaultKeys();
    expect(new Set(Object.values(keys)).size).toBe(4);
    for (const k of Object.values(keys)) expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(parseVaultKeys(serializeVaultKeys(keys))).toEqual(keys);
  });

  it('refuse a bundle with a malformed key', () => {
    const text = serializeVaultKeys(generateVaultKeys()).replace(/"db":"[0-9a-f]{2}/, '"db":"zz');
    expect(() => parseVaultKeys(text)).toThrow(/bad db key/);
  });

  it('carry a rotation under way beside the current keys in one bundle (v2), and read a v1 bundle as before', () => {
    const keys = { ...generateVaultKeys(), pending: generatePendingRekey(generateRecoveryCode(), true, new Date('2026-12-01T09:00:00Z')) };
    expect(JSON.parse(serializeVaultKeys(keys)).v).toBe(2);
    expect(parseVaultKeys(serializeVaultKeys(keys))).toEqual(keys);
    expect(keys.pending.startedAt).toBe('2026-12-01T09:00:00.000Z');
    for (const name of ['db', 'field', 'index'] as const) expect(keys.pending[name]).not.toBe(keys[name]);
    const { pending: _pending, ...current } = keys;
    expect(JSON.parse(serializeVaultKeys(current)).v).toBe(1);
    expect(parseVaultKeys(serializeVaultKeys(current))).toEqual(current);
    expect(() => parseVaultKeys(serializeVaultKeys(keys).replace(/("pending":\{.*?"field":")[0-9a-f]{64}/, '$1short'))).toThrow(/bad pending field key/);
  });
});

describe('passphrase wrapping', () => {
  it('unwraps with the passphrase and label, and returns null for a wrong passphrase or label', async () => {
    const wrapped = await wrapSecret('the keys', 'correct passphrase', 'label-a');
    expect(wrapped).not.toContain('the keys');
    expect(await unwrapSecret(wrapped, 'correct passphrase', 'label-a')).toBe('the keys');
    expect(await unwrapSecret(wrapped, 'wrong passphrase', 'label-a')).toBeNull();
    expect(await unwrapSecret(wrapped, 'correct passphrase', 'label-b')).toBeNull();
  });
});

describe('recovery code', () => {
  it('is six groups of five Crockford base32 symbols', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
    expect(generateRecoveryCode()).not.toBe(code);
  });

  it('is accepted however it was typed: lower case, spaces, O for 0, I or L for 1', () => {
    expect(normalizeRecoveryCode('abcd0 1xyz2-ll0oi')).toBe('ABCD0-1XYZ2-11001');
  });
});

describe('field encryption', () => {
  const fields = createFieldCrypto(generateVaultKeys().field, generateVaultKeys().index);

  it('seals a value so that it opens only with the same context', () => {
    const number = generateMyNumber(7);
    const sealed = fields.seal(number, 'registrant:1');
    expect(sealed.includes(Buffer.from(number))).toBe(false);
    expect(fields.open(sealed, 'registrant:1').toString()).toBe(number);
    expect(() => fields.open(sealed, 'registrant:2')).toThrow();
  });

  it('seals the same value differently each time but indexes it the same way', () => {
    const number = generateMyNumber(8);
    expect(fields.seal(number, 'x').equals(fields.seal(number, 'x'))).toBe(false);
    expect(fields.blindIndex(number, 'mynumber')).toBe(fields.blindIndex(number, 'mynumber'));
    expect(fields.blindIndex(number, 'mynumber')).not.toContain(number);
    expect(fields.blindIndex(number, 'mynumber')).not.toBe(fields.blindIndex(generateMyNumber(9), 'mynumber'));
  });

  it('never uses a nonce twice, across many blocks of nonces drawn at once, and every sealed value opens', () => {
    const number = generateMyNumber(10);
    const seen = new Set<string>();
    const sealed: Buffer[] = [];
    for (let i = 0; i < 10_000; i++) {
      const s = fields.seal(number, `row:${i}`);
      seen.add(s.subarray(1, 13).toString('hex'));
      sealed.push(s);
    }
    expect(seen.size).toBe(10_000);
    // A nonce handed out is never changed afterwards (each is its own 12 bytes of the value).
    expect(sealed.every((s, i) => fields.open(s, `row:${i}`).toString() === number)).toBe(true);
  });

  it('detects a tampered ciphertext', () => {
    const sealed = fields.seal('value', 'ctx');
    sealed[20] = sealed[20]! ^ 1;
    expect(() => fields.open(sealed, 'ctx')).toThrow();
  });
});
