import { Box, Button, Center, Image, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { verify } from 'otplib';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createValidators } from '../validation';

/** Groups a base32 secret in fours so it can be typed into an app by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

interface Props {
  secret: string;
  otpauthUrl: string;
  onConfirmed: () => void;
}

export function TotpStep({ secret, otpauthUrl, onConfirmed }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [qr, setQr] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const form = useForm({ initialValues: { code: '' }, validate: { code: v.otp } });

  useEffect(() => {
    let live = true;
    QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 200 })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [otpauthUrl]);

  // Checked here, against the secret just shown: the code is not sent anywhere, so the
  // first real login can still use the current time step.
  const submit = form.onSubmit(async ({ code }) => {
    setChecking(true);
    try {
      const result = await verify({ secret, token: code.trim(), epochTolerance: 30 });
      if (result.valid) onConfirmed();
      else form.setFieldError('code', t('setup.totp.codeMismatch'));
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
        <Center>
          {qr ? <Image src={qr} alt={t('setup.totp.qrAlt')} className="mnv-qr" /> : <Loader aria-label={t('common.loading')} />}
        </Center>
        <Box>
          <Text fz="sm" c="dimmed" id="mnv-totp-secret-label">
            {t('setup.totp.manualLabel')}
          </Text>
          <Text className="mnv-secret" aria-labelledby="mnv-totp-secret-label" data-testid="totp-secret">
            {groupSecret(secret)}
          </Text>
        </Box>
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
