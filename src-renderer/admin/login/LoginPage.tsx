// Login in two steps: login ID and password, then the second factor (an authenticator
// code, enrolling the app first if needed, or a code sent by e-mail).
import { Alert, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components/AuthLayout';
import { CodeStep } from './CodeStep';
import { PasswordStep, type LoginChallenge } from './PasswordStep';

interface Props {
  notice: string | null;
  onLoggedIn: () => void;
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
          <CodeStep
            // A new step (the enrolment after the e-mail code) starts with an empty form.
            key={challenge.enrolment ? 'enrol' : 'code'}
            challenge={challenge}
            onVerified={onLoggedIn}
            onEnrolment={setChallenge}
            onStartOver={() => setChallenge(null)}
          />
        ) : (
          <PasswordStep onChallenge={setChallenge} onForgot={onForgot} />
        )}
      </Stack>
    </AuthLayout>
  );
}
