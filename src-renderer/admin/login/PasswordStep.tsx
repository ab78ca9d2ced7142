import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { errorMessage, unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { createValidators } from '../validation';

export function PasswordStep({ onChallenge }: { onChallenge: (challenge: ChannelOutput<'auth.login'>) => void }) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { loginId: '', password: '' }, validate: { loginId: v.required, password: v.required } });

  const submit = form.onSubmit(async ({ loginId, password }) => {
    setBusy(true);
    setError(null);
    try {
      const challenge = await unwrap(window.vault.auth.login({ loginId: loginId.trim(), password }));
      onChallenge(challenge);
    } catch (err) {
      form.setFieldValue('password', '');
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert message={error} />
        <TextInput label={t('login.loginId')} autoComplete="username" required autoFocus {...form.getInputProps('loginId')} />
        <PasswordInput label={t('login.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={busy} mt="xs">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
