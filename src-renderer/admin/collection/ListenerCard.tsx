// How the listener stands (lan.status): running or stopped, the address phones open with its
// QR code, the certificate's SHA-256 fingerprint and expiry, what a phone shows for the
// certificate, and why it does not run when it should (the core's message key).
import { Alert, Badge, Box, Center, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LanStatus } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { QrCode } from '../components/QrCode';
import { useVaultQuery } from '../data/query';
import { useErrorText, useSharedText } from '../messages';
import { useRegistrantFormat } from '../registrants/format';
import { SettingsSection } from '../settings/SettingsSection';
import { CertificateNote } from './CertificateNote';
import { groupFingerprint } from './fingerprint';

export function ListenerCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useVaultQuery('lan.status', {});
  return (
    <SettingsSection title={t('collectionPage.listener.title')} testId="listener-card">
      <ErrorAlert message={status.error ? errorText(status.error) : null} />
      {status.data ? (
        <ListenerFacts status={status.data} />
      ) : (
        !status.error && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        )
      )}
    </SettingsSection>
  );
}

function ListenerFacts({ status }: { status: LanStatus }) {
  const { t } = useTranslation();
  const sharedText = useSharedText();
  const format = useRegistrantFormat();
  const { running, urls, fingerprint, certificateExpiresAt, certificateSource, problem, config } = status;
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Badge size="lg" variant="light" color={running ? 'teal' : 'gray'} data-testid="listener-state">
          {running ? t('collectionPage.listener.running') : t('collectionPage.listener.stopped')}
        </Badge>
        {!running && !problem && (
          <Text fz="sm" c="dimmed">
            {t('collectionPage.listener.stoppedLead')}
          </Text>
        )}
      </Group>
      {problem && (
        <Alert color="red" variant="light" title={t('collectionPage.listener.problemTitle')} icon={<IconAlertCircle size={18} aria-hidden />} data-testid="listener-problem">
          {sharedText(problem, { port: config.port, host: config.host })}
        </Alert>
      )}
      {running && urls.length > 0 && (
        <Group align="flex-start" gap="xl" wrap="nowrap">
          <Stack gap="md" flex={1} miw={0}>
            <Box>
              <Text fz="sm" c="dimmed">
                {t('collectionPage.listener.url')}
              </Text>
              {urls.map((url) => (
                <Text key={url} ff="monospace" fz="md" fw={600} data-testid="listener-url" style={{ overflowWrap: 'anywhere' }}>
                  {url}
                </Text>
              ))}
            </Box>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {fingerprint && (
                <Box style={{ gridColumn: '1 / -1' }}>
                  <Text fz="sm" c="dimmed">
                    {t('collectionPage.listener.fingerprint')}
                  </Text>
                  <Text ff="monospace" fz="sm" data-testid="listener-fingerprint" style={{ wordSpacing: '0.4em' }}>
                    {groupFingerprint(fingerprint)}
                  </Text>
                </Box>
              )}
              {certificateSource && (
                <Box>
                  <Text fz="sm" c="dimmed">
                    {t('collectionPage.listener.source')}
                  </Text>
                  <Text fz="sm">{t(`collectionPage.listener.sources.${certificateSource}`)}</Text>
                </Box>
              )}
              {certificateExpiresAt && (
                <Box>
                  <Text fz="sm" c="dimmed">
                    {t('collectionPage.listener.expires')}
                  </Text>
                  <Text fz="sm" data-testid="listener-expires">
                    {format.date(certificateExpiresAt)}
                  </Text>
                </Box>
              )}
            </SimpleGrid>
          </Stack>
          <QrCode text={urls[0]!} label={t('collectionPage.listener.urlQr')} testId="listener-qr" />
        </Group>
      )}
      {running && <CertificateNote source={certificateSource} />}
    </Stack>
  );
}
