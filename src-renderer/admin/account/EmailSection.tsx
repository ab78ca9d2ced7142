// Change one's own e-mail address (needs the password re-entered). The current address is
// shown above the field.
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { SettingsSection } from '../settings/SettingsSection';

interface Props {
  reauth: Reauth;
  /** null while unknown. */
  currentEmail: string | null;
}

export function EmailSection({ reauth, currentEmail }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  // The users list shows the address too.
  const changeEmail = useVaultMutation('account.changeEmail', { invalidates: ['auth', 'users'] });
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '' }, validate: contractResolver(contract['account.changeEmail'].input) });

  const submit = form.onSubmit(({ email }) => {
    setNotice(null);
    return action.run(async () => {
      const done = await reauth.run(() => changeEmail.send({ email: email.trim() }));
      if (!done) return;
      form.reset();
      setNotice(t('accountPage.email.done'));
    });
  });

  return (
    <SettingsSection title={t('accountPage.email.title')} lead={t('accountPage.email.lead')} testId="account-email">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={action.error} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          {currentEmail !== null && (
            <TextInput label={t('accountPage.email.current')} value={currentEmail} readOnly variant="filled" data-testid="current-email" />
          )}
          <TextInput label={t('accountPage.email.address')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <Group>
            <Button type="submit" loading={action.busy}>
              {t('accountPage.email.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
