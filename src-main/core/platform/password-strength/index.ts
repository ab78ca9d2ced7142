// The shared password rule (src-shared/password-policy) as the core judges it: the score from
// the scoring thread (scorer.ts), one for the process, started when first needed.
import { judgePassword, scoredInput, type PasswordAssessment, type PasswordOwner } from '../../../../src-shared/password-policy';
import { createPasswordScorer, type PasswordScorer } from './scorer';

export { createPasswordScorer, type PasswordScorer } from './scorer';

let shared: PasswordScorer | undefined;

export async function assessPassword(password: string, owner: PasswordOwner = {}): Promise<PasswordAssessment> {
  shared ??= createPasswordScorer();
  const input = scoredInput(password, owner);
  return judgePassword(password, owner, await shared.score(input.password, input.userInputs));
}
