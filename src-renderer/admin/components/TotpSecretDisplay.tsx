// The QR code and the base32 key of a new authenticator enrolment, so the user can scan it
// or type it into the app. The QR code is drawn here as SVG from the module matrix: nothing
// asynchronous, and the secret never leaves this component (no data: URL, no cache).
import { Box, Center, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useId, useMemo } from 'react';

/** Groups a base32 secret in fours so it can be typed into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Quiet zone around the code, in modules. */
const MARGIN = 2;

/** One SVG path of the dark modules, each a 1×1 square. */
function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) d += `M${col} ${row}h1v1h-1z`;
  }
  return { size: modules.size, d };
}

interface Props {
  secret: string;
  otpauthUrl: string;
  qrAlt: string;
  manualLabel: string;
}

export function TotpSecretDisplay({ secret, otpauthUrl, qrAlt, manualLabel }: Props) {
  const labelId = useId();
  const qr = useMemo(() => qrPath(otpauthUrl), [otpauthUrl]);
  const box = qr.size + 2 * MARGIN;

  return (
    <Stack gap="md">
      <Center>
        <svg className="mnv-qr" role="img" aria-label={qrAlt} viewBox={`${-MARGIN} ${-MARGIN} ${box} ${box}`} shapeRendering="crispEdges">
          <rect x={-MARGIN} y={-MARGIN} width={box} height={box} fill="#fff" />
          <path d={qr.d} fill="#000" />
        </svg>
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
