// The lock screen after an idle or OS lock: the same user logs in again (password, then the
// second factor), or someone else signs in instead.
import { Button, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components/AuthLayout';
import { CodeStep } from '../login/CodeStep';
import { PasswordStep, type LoginChallenge } from '../login/PasswordStep';

export interface LockedUser {
  loginId: string;
  displayName: string;
}

interface Props {
  locked: LockedUser;
  onUnlocked: () => void;
  onOtherUser: () => void;
}

export function LockScreen({ locked, onUnlocked, onOtherUser }: Props) {
  const { t } = useTranslation();
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  return (
    <AuthLayout>
      <Stack gap="lg" data-testid="lock-screen">
        <Stack gap={4} align="center">
          <IconLock size={36} stroke={1.5} aria-hidden />
          <Title order={1} fz="h2">
            {t('lock.title')}
          </Title>
          <Text ta="center" data-testid="locked-user">
            {t('lock.lead', { name: locked.displayName })}
          </Text>
        </Stack>
        {challenge ? (
          <CodeStep
            key={challenge.enrolment ? 'enrol' : 'code'}
            challenge={challenge}
            onVerified={onUnlocked}
            onEnrolment={setChallenge}
            onStartOver={() => setChallenge(null)}
            startOverLabel={t('common.back')}
          />
        ) : (
          <PasswordStep fixedLoginId={locked.loginId} onChallenge={setChallenge} submitLabel={t('lock.unlock')} />
        )}
        <Button variant="subtle" color="gray" onClick={onOtherUser}>
          {t('lock.otherUser')}
        </Button>
      </Stack>
    </AuthLayout>
  );
}
