import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, UserSummary } from '../../../src-shared/contract';
import { errorMessage, unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { createValidators } from '../validation';

interface Props {
  challenge: ChannelOutput<'auth.login'>;
  onVerified: (user: UserSummary) => void;
  onStartOver: () => void;
}

export function CodeStep({ challenge, onVerified, onStartOver }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { code: '' }, validate: { code: v.otp } });

  const submit = form.onSubmit(async ({ code }) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await unwrap(window.vault.auth.verify({ challengeId: challenge.challengeId, code: code.trim() }));
      onVerified(user);
    } catch (err) {
      form.setFieldValue('code', '');
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{challenge.factor === 'email' ? t('login.codeLeadEmail', { sentTo: challenge.sentTo ?? '' }) : t('login.codeLeadTotp')}</Text>
        <ErrorAlert message={error} />
        <TextInput
          className="mnv-otp-input"
          label={t('login.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          autoFocus
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={busy}>
          {t('login.verify')}
        </Button>
        <Button variant="subtle" color="gray" onClick={onStartOver}>
          {t('login.startOver')}
        </Button>
      </Stack>
    </form>
  );
}
