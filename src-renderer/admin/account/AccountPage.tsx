// アカウント (every user): one's own password, e-mail address and second factor.
import { Stack } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { unwrap } from '../api';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { EmailSection } from './EmailSection';
import { FactorSection } from './FactorSection';
import { PasswordSection } from './PasswordSection';

type Me = ChannelOutput<'auth.me'>;

export function AccountPage() {
  const { t } = useTranslation();
  const reauth = useReauth();
  const [me, setMe] = useState<Pick<Me, 'user' | 'account'>>({ user: null, account: null });

  // The current e-mail and factor shown in the sections, fetched again after each change.
  // A failure only leaves them out (and the strength meter without the own-ID/name check).
  const refresh = useCallback(async () => {
    try {
      const { user, account } = await unwrap(window.vault.auth.me({}));
      setMe({ user, account });
    } catch {
      // Nothing to show: the sections work without it.
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the initial fetch
    void refresh();
  }, [refresh]);

  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('accountPage.title')} lead={t('accountPage.lead')} />
      <PasswordSection user={me.user} />
      <EmailSection reauth={reauth} currentEmail={me.account?.email ?? null} onChanged={refresh} />
      <FactorSection reauth={reauth} account={me.account} onChanged={refresh} />
      {reauth.dialog}
    </Stack>
  );
}
