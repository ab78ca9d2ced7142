// 設定 (for those who may call settings.getSmtp): outgoing mail, security options, the
// approval of proxy entries, the attributes of registrants, the recovery code, backups, the key rotation. Changes that
// the access table marks so ask for the password again (パスワード再入力).
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AttributesSection } from '../attributes/AttributesSection';
import { BackupsSection } from '../backups/BackupsSection';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { useSession } from '../session/session';
import { ProxyApprovalSection } from '../submissions/ProxyApprovalSection';
import { RecoverySection } from './RecoverySection';
import { RekeySection } from './RekeySection';
import { SecuritySection } from './SecuritySection';
import { SmtpSection } from './SmtpSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const reauth = useReauth();
  const { can } = useSession();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('settingsPage.title')} lead={t('settingsPage.lead')} />
      <SmtpSection reauth={reauth} />
      <SecuritySection reauth={reauth} />
      <ProxyApprovalSection reauth={reauth} />
      <AttributesSection />
      <RecoverySection reauth={reauth} />
      {can('backups.status') && <BackupsSection reauth={reauth} />}
      <RekeySection reauth={reauth} />
      {reauth.dialog}
    </Stack>
  );
}
