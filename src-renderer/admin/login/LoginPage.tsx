// Login in two steps: login ID and password, then the 6-digit code of the second factor.
import { Alert, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, UserSummary } from '../../../src-shared/contract';
import { AuthLayout } from '../components/AuthLayout';
import { CodeStep } from './CodeStep';
import { PasswordStep } from './PasswordStep';

type Challenge = ChannelOutput<'auth.login'>;

interface Props {
  notice: string | null;
  onLoggedIn: (user: UserSummary) => void;
}

export function LoginPage({ notice, onLoggedIn }: Props) {
  const { t } = useTranslation();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  return (
    <AuthLayout>
      <Stack gap="lg">
        <Title order={1} fz="h2">
          {challenge ? t('login.codeTitle') : t('login.title')}
        </Title>
        {notice && !challenge && (
          <Alert variant="light" role="status">
            {notice}
          </Alert>
        )}
        {challenge ? (
          <CodeStep challenge={challenge} onVerified={onLoggedIn} onStartOver={() => setChallenge(null)} />
        ) : (
          <PasswordStep onChallenge={setChallenge} />
        )}
      </Stack>
    </AuthLayout>
  );
}
