// A strength meter for a new password, with the same rule the core applies (zxcvbn score
// and the user's own ID/name/e-mail), so the hint shown here is the refusal the core gives.
import { Progress, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { assessPassword } from '../../../src-shared/password-assess';
import { passwordProblemKey, type PasswordOwner } from '../../../src-shared/password-policy';
import { useSharedText } from '../messages';

const COLORS = ['red', 'orange', 'yellow', 'teal', 'green'] as const;
const SCORE_KEYS = ['veryWeak', 'weak', 'fair', 'strong', 'veryStrong'] as const;

interface Props {
  password: string;
  /** The account the password is for: a password built from these is refused. */
  owner?: PasswordOwner;
  /** The field shows the refusal as its error already (after a submit): the meter does not repeat it. */
  fieldError?: boolean;
}

export function PasswordStrength({ password, owner, fieldError = false }: Props) {
  const { t } = useTranslation();
  const text = useSharedText();
  const { loginId, displayName, email } = owner ?? {};
  const assessment = useMemo(() => (password ? assessPassword(password, { loginId, displayName, email }) : null), [password, loginId, displayName, email]);
  if (!assessment) return null;
  const { score, problem } = assessment;
  const label = t(`password.score.${SCORE_KEYS[score]}`);
  return (
    <Stack gap={4} data-testid="password-strength" data-score={score}>
      <Progress
        value={(score + 1) * 20}
        color={problem ? (score >= 3 ? 'orange' : COLORS[score]) : COLORS[score]}
        size="sm"
        aria-label={t('password.meterLabel')}
        aria-valuetext={label}
      />
      <Text fz="xs" c={problem ? 'red.8' : 'teal.8'} role="status" aria-live="polite">
        {t('password.strength', { label })}
        {problem && fieldError ? null : ' — '}
        {problem ? !fieldError && text(passwordProblemKey(problem)) : t('password.ok')}
      </Text>
    </Stack>
  );
}
