// 設定 (for those who may call settings.getSmtp): outgoing mail, security options, the
// recovery code. Every change asks for the password again (パスワード再入力).
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { RecoverySection } from './RecoverySection';
import { SecuritySection } from './SecuritySection';
import { SmtpSection } from './SmtpSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const reauth = useReauth();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('settingsPage.title')} lead={t('settingsPage.lead')} />
      <SmtpSection reauth={reauth} />
      <SecuritySection reauth={reauth} />
      <RecoverySection reauth={reauth} />
      {reauth.dialog}
    </Stack>
  );
}
