// The password rule, in one place for the strength meter (renderer) and the check (core):
// 12–128 characters, no composition rules (ASVS), not common, not guessable (zxcvbn score
// ≥ 3), and not built from the user's own login ID, name or e-mail. The score itself comes from
// password-score.mjs: the renderer scores in place (password-assess.ts), the core on a thread
// of its own (src-main/core/platform/password-strength), so this file loads no dictionary.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './domain';

export interface PasswordOwner {
  loginId?: string;
  displayName?: string;
  email?: string;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_own_info' | 'too_guessable';

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordAssessment {
  /** 0 (guessable) … 4 (strong): for the meter. */
  score: PasswordScore;
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

/** What zxcvbn scores for this password: its first 256 characters, and the owner's own words. */
export function scoredInput(password: string, owner: PasswordOwner = {}): { password: string; userInputs: string[] } {
  return { password: password.slice(0, 256), userInputs: ownParts(owner) };
}

/** The rule, given the score of scoredInput(password, owner). */
export function judgePassword(password: string, owner: PasswordOwner, score: PasswordScore): PasswordAssessment {
  const length = [...password].length;
  const lower = password.toLowerCase().replace(/\s+/g, '');
  let problem: PasswordProblem | null = null;
  if (length < PASSWORD_MIN_LENGTH) problem = 'too_short';
  else if (length > PASSWORD_MAX_LENGTH) problem = 'too_long';
  else if (ownParts(owner).some((part) => lower.includes(part.replace(/\s+/g, '')))) problem = 'contains_own_info';
  else if (score < MIN_ACCEPTED_SCORE) problem = 'too_guessable';
  return { score, problem };
}
