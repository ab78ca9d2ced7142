// The link just issued, shown this once: its URL (with the token) and QR code, its expiry, a
// copy button and a plain warning that it cannot be shown again. Closing forgets it.
import { Alert, Button, Center, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { QrCode } from '../components/QrCode';
import { useRegistrantFormat } from '../registrants/format';

export interface IssuedLink {
  url: string;
  expiresAt: string;
}

export function IssuedLinkDialog({ link, onClose }: { link: IssuedLink | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  return (
    <Modal opened={link !== null} onClose={onClose} title={t('invitationLinks.issuedTitle')} lockScroll={false} centered size="lg">
      {link && (
        <Stack gap="md" data-testid="issued-link">
          <Alert role="note" color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {t('invitationLinks.onceWarning')}
          </Alert>
          <Center>
            <QrCode text={link.url} label={t('invitationLinks.qr')} testId="invitation-qr" />
          </Center>
          <div>
            <Text fz="sm" c="dimmed">
              {t('invitationLinks.url')}
            </Text>
            <Group gap="sm" wrap="nowrap" align="center">
              <Text ff="monospace" fz="sm" flex={1} miw={0} style={{ overflowWrap: 'anywhere' }} data-testid="invitation-url">
                {link.url}
              </Text>
              <CopyButton value={link.url}>
                {({ copied, copy }) => (
                  <Button
                    variant={copied ? 'light' : 'default'}
                    color={copied ? 'teal' : undefined}
                    size="xs"
                    leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    onClick={copy}
                  >
                    {copied ? t('invitationLinks.copied') : t('invitationLinks.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text fz="sm" mt={4}>
              {t('invitationLinks.until', { date: format.dateTime(link.expiresAt) })}
            </Text>
          </div>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('invitationLinks.close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
