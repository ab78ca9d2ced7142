// The password rule, in one place for the strength meter (renderer) and the check (core):
// 12–128 characters, no composition rules (ASVS), not common, not guessable (zxcvbn score
// ≥ 3), and not built from the user's own login ID, name or e-mail.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './domain';

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return factory;
}

export interface PasswordOwner {
  loginId?: string;
  displayName?: string;
  email?: string;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_own_info' | 'too_guessable';

export interface PasswordAssessment {
  /** 0 (guessable) … 4 (strong): for the meter. */
  score: 0 | 1 | 2 | 3 | 4;
  problem: PasswordProblem | null;
}

export const MIN_ACCEPTED_SCORE = 3;

/** The message of a problem (src-shared/messages). */
export function passwordProblemKey(problem: PasswordProblem): `errors.password.${PasswordProblem}` {
  return `errors.password.${problem}`;
}

function ownParts(owner: PasswordOwner): string[] {
  const email = owner.email ?? '';
  return [owner.loginId ?? '', owner.displayName ?? '', email, email.split('@')[0] ?? '']
    .flatMap((s) => [s, ...s.split(/[\s._@-]+/)])
    .map((s) => s.toLowerCase())
    .filter((s) => s.length >= 4);
}

export function assessPassword(password: string, owner: PasswordOwner = {}): PasswordAssessment {
  const length = [...password].length;
  const own = ownParts(owner);
  const result = zxcvbn().check(password.slice(0, 256), own);
  const score = result.score;
  const lower = password.toLowerCase().replace(/\s+/g, '');
  let problem: PasswordProblem | null = null;
  if (length < PASSWORD_MIN_LENGTH) problem = 'too_short';
  else if (length > PASSWORD_MAX_LENGTH) problem = 'too_long';
  else if (own.some((part) => lower.includes(part.replace(/\s+/g, '')))) problem = 'contains_own_info';
  else if (score < MIN_ACCEPTED_SCORE) problem = 'too_guessable';
  return { score, problem };
}
