import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { TotpSecretDisplay } from '../components/TotpSecretDisplay';
import { createValidators } from '../validation';

interface Props {
  secret: string;
  otpauthUrl: string;
  onConfirmed: () => void;
}

export function TotpStep({ secret, otpauthUrl, onConfirmed }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { code: '' }, validate: { code: v.otp } });

  // Confirmed by the core: until then the administrator's first login enrols the
  // authenticator again, so an interrupted setup cannot lock the administrator out.
  const submit = form.onSubmit(async ({ code }) => {
    setChecking(true);
    setError(null);
    try {
      await unwrap(window.vault.setup.confirmTotp({ code: code.trim() }));
      onConfirmed();
    } catch (err) {
      form.setFieldValue('code', '');
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setChecking(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" mt="md">
        <Title order={2} fz="h4">
          {t('setup.totp.title')}
        </Title>
        <Text>{t('setup.totp.lead')}</Text>
        <TotpSecretDisplay secret={secret} otpauthUrl={otpauthUrl} qrAlt={t('setup.totp.qrAlt')} manualLabel={t('setup.totp.manualLabel')} />
        <ErrorAlert message={error} />
        <TextInput
          className="mnv-otp-input"
          label={t('setup.totp.codeLabel')}
          description={t('setup.totp.codeDescription')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={checking}>
          {t('setup.totp.submit')}
        </Button>
      </Stack>
    </form>
  );
}
