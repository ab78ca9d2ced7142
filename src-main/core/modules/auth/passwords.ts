// Password hashing (argon2id, m=19 MiB, t=2, p=1: ASVS 5.0) and the password rule's enforcement.
import { hash, verify } from '@node-rs/argon2';
import { passwordProblemKey, type PasswordOwner } from '../../../../src-shared/password-policy';
import { assessPassword } from '../../platform/password-strength';
import { AppError } from '../../kernel/errors';

const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), ARGON2);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password.normalize('NFKC'));
}

// Verified against when the login ID is unknown, so both paths take the same time.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy password that matches nothing');
  await verifyPassword(await dummyHash, password);
}

/** The shared password rule (src-shared/password-policy), enforced. */
export async function assertPasswordAcceptable(password: string, owner: PasswordOwner): Promise<void> {
  const { problem } = await assessPassword(password, owner);
  if (problem) throw new AppError('VALIDATION', passwordProblemKey(problem));
}
