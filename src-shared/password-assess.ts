// The password rule with its score worked out here and now: the renderer's strength meter and
// form rule. (The core scores on a thread of its own: src-main/core/platform/password-strength.)
import { judgePassword, scoredInput, type PasswordAssessment, type PasswordOwner } from './password-policy';
import { passwordScore } from './password-score.mjs';

export function assessPassword(password: string, owner: PasswordOwner = {}): PasswordAssessment {
  const input = scoredInput(password, owner);
  return judgePassword(password, owner, passwordScore(input.password, input.userInputs));
}
