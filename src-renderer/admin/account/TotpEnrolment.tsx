// Enrolling an authenticator app from the account page: the QR code and key from
// account.beginTotpEnrolment, then a code from the app to confirm it.
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { TotpSecretDisplay } from '../components/TotpSecretDisplay';
import type { Reauth } from '../components/useReauth';
import { createValidators } from '../validation';

interface Props {
  enrolment: ChannelOutput<'account.beginTotpEnrolment'>;
  reauth: Reauth;
  onDone: () => void;
  onCancel: () => void;
}

export function TotpEnrolment({ enrolment, reauth, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { code: '' }, validate: { code: v.otp } });

  const submit = form.onSubmit(async ({ code }) => {
    setBusy(true);
    setError(null);
    try {
      const done = await reauth.run(() => window.vault.account.confirmTotpEnrolment({ enrolmentId: enrolment.enrolmentId, code: code.trim() }));
      if (done) onDone();
    } catch (err) {
      form.setFieldValue('code', '');
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Paper withBorder radius="md" p="lg" bg="gray.0" data-testid="totp-enrolment">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420} mx="auto">
          <Title order={3} fz="h5">
            {t('accountPage.factor.enrolTitle')}
          </Title>
          <Text fz="sm">{t('accountPage.factor.enrolLead')}</Text>
          <TotpSecretDisplay
            secret={enrolment.secret}
            otpauthUrl={enrolment.otpauthUrl}
            qrAlt={t('accountPage.factor.qrAlt')}
            manualLabel={t('accountPage.factor.manualLabel')}
          />
          <ErrorAlert message={error} />
          <TextInput
            className="mnv-otp-input"
            label={t('accountPage.factor.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            {...form.getInputProps('code')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              {t('adminCommon.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('accountPage.factor.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
