// What a phone shows for the listener's certificate, in words for HR: a self-signed one
// brings up a browser warning (how to get past it, and how a company CA avoids it); an
// imported one does not, on phones that trust its authority.
import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LanStatus } from '../../../src-shared/contract';

export function CertificateNote({ source }: { source: LanStatus['certificateSource'] }) {
  const { t } = useTranslation();
  if (source === 'imported') {
    return (
      <Alert role="note" color="teal" variant="light" icon={<IconShieldCheck size={18} aria-hidden />} data-testid="certificate-note">
        {t('collectionPage.listener.warningImported')}
      </Alert>
    );
  }
  return (
    <Alert
      role="note"
      color="yellow"
      variant="light"
      title={t('collectionPage.listener.warningTitle')}
      icon={<IconAlertTriangle size={18} aria-hidden />}
      data-testid="certificate-note"
    >
      <Stack gap={6}>
        <Text fz="sm">{t('collectionPage.listener.warningSelfSigned')}</Text>
        <Text fz="sm">{t('collectionPage.listener.warningHowTo')}</Text>
        <Text fz="sm">{t('collectionPage.listener.warningAvoid')}</Text>
      </Stack>
    </Alert>
  );
}
