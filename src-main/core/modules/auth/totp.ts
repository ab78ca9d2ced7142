// TOTP (RFC 6238, 30-second steps, 6 digits): ±1 step of drift, each step accepted once. The
// secret is sealed under the field key, bound to its user: the one place that context is written.
import { generateSecret, generateURI, verify } from 'otplib';
import type { FieldCrypto } from '../../platform/crypto/field';

export const TOTP_ISSUER = 'MyNumber Vault';

export function newTotpEnrolment(label: string): { secret: string; otpauthUrl: string } {
  const secret = generateSecret();
  return { secret, otpauthUrl: generateURI({ issuer: TOTP_ISSUER, label, secret }) };
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false; replayed: boolean };

export async function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): Promise<TotpCheck> {
  const epoch = Math.floor(now.getTime() / 1000);
  const base = { secret, token: code, epoch, epochTolerance: 30 } as const;
  const result = await verify(lastStep === null ? base : { ...base, afterTimeStep: lastStep });
  if (result.valid) return { valid: true, timeStep: (result as { timeStep: number }).timeStep };
  if (lastStep === null) return { valid: false, replayed: false };
  const again = await verify(base);
  return { valid: false, replayed: again.valid };
}

export function createTotpSecrets(fields: FieldCrypto) {
  const context = (userId: string) => `totp:${userId}`;
  return {
    seal: (userId: string, secret: string): Buffer => fields.seal(secret, context(userId)),
    open: (userId: string, sealed: Buffer): string => fields.open(sealed, context(userId)).toString('utf8'),
  };
}

export type TotpSecrets = ReturnType<typeof createTotpSecrets>;
