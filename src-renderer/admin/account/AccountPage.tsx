// アカウント (every user): one's own password, e-mail address and second factor.
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { EmailSection } from './EmailSection';
import { FactorSection } from './FactorSection';
import { PasswordSection } from './PasswordSection';

export function AccountPage() {
  const { t } = useTranslation();
  const reauth = useReauth();
  // The current e-mail and factor shown in the sections, fetched again after each change
  // (those invalidate 'auth'). A failure only leaves them out: the sections work without it.
  const me = useVaultQuery('auth.me', {});
  const account = me.data?.account ?? null;

  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('accountPage.title')} lead={t('accountPage.lead')} />
      <PasswordSection />
      <EmailSection reauth={reauth} currentEmail={account?.email ?? null} />
      <FactorSection reauth={reauth} account={account} />
      {reauth.dialog}
    </Stack>
  );
}
