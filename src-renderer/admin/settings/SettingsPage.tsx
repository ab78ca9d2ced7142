// 設定 (admins only): outgoing mail, security options, the recovery code. Every change asks
// for the password again (パスワード再入力).
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useReauth } from '../components/useReauth';
import { RecoverySection } from './RecoverySection';
import { SecuritySection } from './SecuritySection';
import { SmtpSection } from './SmtpSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const reauth = useReauth();
  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={1} fz="h2">
          {t('settingsPage.title')}
        </Title>
        <Text c="dimmed" fz="sm" mt={4}>
          {t('settingsPage.lead')}
        </Text>
      </div>
      <SmtpSection reauth={reauth} />
      <SecuritySection reauth={reauth} />
      <RecoverySection reauth={reauth} />
      {reauth.dialog}
    </Stack>
  );
}
