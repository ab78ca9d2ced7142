// Change one's own e-mail address (needs the password re-entered). The current address is
// shown above the field.
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { SettingsSection } from '../settings/SettingsSection';
import { createValidators } from '../validation';

interface Props {
  reauth: Reauth;
  /** null while unknown. */
  currentEmail: string | null;
  onChanged: () => Promise<void>;
}

export function EmailSection({ reauth, currentEmail, onChanged }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '' }, validate: { email: v.email } });

  const submit = form.onSubmit(({ email }) => {
    setNotice(null);
    return action.run(async () => {
      const done = await reauth.run(() => window.vault.account.changeEmail({ email: email.trim() }));
      if (!done) return;
      form.reset();
      setNotice(t('accountPage.email.done'));
      await onChanged();
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
