// Shown on the dashboard to admins when the last successful backup is older than a week, or
// none was ever taken (backups.status's `stale`, by the core's clock): without one, a dead disk loses every number collected.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBackupFormat } from './format';

export function BackupAlert({ lastSuccessAt, onOpenSettings }: { lastSuccessAt: string | null; onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  return (
    <Alert role="alert" color="orange" variant="light" title={t('backupAlert.title')} icon={<IconAlertTriangle size={22} aria-hidden />} data-testid="backup-alert">
      <Stack gap="xs">
        <Text fz="sm">{lastSuccessAt ? t('backupAlert.stale', { at: format.dateTime(lastSuccessAt) }) : t('backupAlert.never')}</Text>
        <Group>
          <Button variant="white" color="orange" size="xs" onClick={onOpenSettings}>
            {t('backupAlert.open')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
