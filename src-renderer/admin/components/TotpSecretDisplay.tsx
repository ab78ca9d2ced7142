// The QR code (rendered locally to a data: URL) and the base32 key of a new authenticator
// enrolment, so the user can scan it or type it into the app.
import { Box, Center, Image, Loader, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Groups a base32 secret in fours so it can be typed into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

interface Props {
  secret: string;
  otpauthUrl: string;
  qrAlt: string;
  manualLabel: string;
}

export function TotpSecretDisplay({ secret, otpauthUrl, qrAlt, manualLabel }: Props) {
  const { t } = useTranslation();
  const labelId = useId();
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 200 })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [otpauthUrl]);

  return (
    <Stack gap="md">
      <Center>{qr ? <Image src={qr} alt={qrAlt} className="mnv-qr" /> : <Loader aria-label={t('common.loading')} />}</Center>
      <Box>
        <Text fz="sm" c="dimmed" id={labelId}>
          {manualLabel}
        </Text>
        <Text className="mnv-secret" aria-labelledby={labelId} data-testid="totp-secret">
          {groupSecret(secret)}
        </Text>
      </Box>
    </Stack>
  );
}
