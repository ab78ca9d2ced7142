// Login in two steps: login ID and password, then the second factor (an authenticator
// code, enrolling the app first if needed, or a code sent by e-mail).
import { Alert, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components/AuthLayout';
import { CodeStep, type Verified } from './CodeStep';
import { PasswordStep, type LoginChallenge } from './PasswordStep';

interface Props {
  notice: string | null;
  onLoggedIn: (verified: Verified) => void;
  onForgot: () => void;
}

export function LoginPage({ notice, onLoggedIn, onForgot }: Props) {
  const { t } = useTranslation();
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const title = !challenge ? t('login.title') : challenge.enrolment ? t('login.enrolTitle') : t('login.codeTitle');
  return (
    <AuthLayout>
      <Stack gap="lg">
        <Title order={1} fz="h2">
          {title}
        </Title>
        {notice && !challenge && (
          <Alert variant="light" role="status">
            {notice}
          </Alert>
        )}
        {challenge ? (
          <CodeStep challenge={challenge} onVerified={onLoggedIn} onStartOver={() => setChallenge(null)} />
        ) : (
          <PasswordStep onChallenge={setChallenge} onForgot={onForgot} />
        )}
      </Stack>
    </AuthLayout>
  );
}
