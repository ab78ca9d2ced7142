// The QR code and the base32 key of a new authenticator enrolment, so the user can scan it
// or type it into the app (the QR code drawn locally by QrCode: the secret goes nowhere else).
import { Box, Center, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { QrCode } from './QrCode';

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
  const labelId = useId();

  return (
    <Stack gap="md">
      <Center>
        <QrCode text={otpauthUrl} label={qrAlt} />
      </Center>
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
