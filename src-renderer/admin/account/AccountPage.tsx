// アカウント (every user): one's own password, e-mail address and second factor.
import { Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../src-shared/contract';
import { unwrap } from '../api';
import { useReauth } from '../components/useReauth';
import { EmailSection } from './EmailSection';
import { FactorSection } from './FactorSection';
import { PasswordSection } from './PasswordSection';

export function AccountPage() {
  const { t } = useTranslation();
  const reauth = useReauth();
  const [user, setUser] = useState<UserSummary | null>(null);

  useEffect(() => {
    let live = true;
    // Only for the strength meter's "built from your own ID/name" check: failure is harmless.
    unwrap(window.vault.auth.me({}))
      .then((me) => live && setUser(me.user))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={1} fz="h2">
          {t('accountPage.title')}
        </Title>
        <Text c="dimmed" fz="sm" mt={4}>
          {t('accountPage.lead')}
        </Text>
      </div>
      <PasswordSection user={user} />
      <EmailSection reauth={reauth} />
      <FactorSection reauth={reauth} />
      {reauth.dialog}
    </Stack>
  );
}
