// Change one's own e-mail address (needs the password re-entered).
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import type { Reauth } from '../components/useReauth';
import { SettingsSection } from '../settings/SettingsSection';
import { createValidators } from '../validation';

export function EmailSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '' }, validate: { email: v.email } });

  const submit = form.onSubmit(async ({ email }) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const done = await reauth.run(() => window.vault.account.changeEmail({ email: email.trim() }));
      if (!done) return;
      form.reset();
      setNotice(t('accountPage.email.done'));
    } catch (err) {
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  });

  return (
    <SettingsSection title={t('accountPage.email.title')} lead={t('accountPage.email.lead')} testId="account-email">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={error} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          <TextInput label={t('accountPage.email.address')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('accountPage.email.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
