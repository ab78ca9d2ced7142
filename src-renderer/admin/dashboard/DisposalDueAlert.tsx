// Shown on the dashboard to those who read the 廃棄予定 list when someone is past their disposal
// due date: how many (no one is named here), with the way to the list.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconTrashX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useVaultQuery } from '../data/query';
import { useSession } from '../session/session';

export function DisposalDueAlert({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const due = useVaultQuery('disposal.due', { dueOnly: true }, { enabled: can('disposal.due') });
  const count = due.data?.dueCount ?? 0;
  if (count === 0) return null;
  return (
    <Alert role="alert" color="orange" variant="light" title={t('dashboardDisposal.title')} icon={<IconTrashX size={22} aria-hidden />} data-testid="disposal-due-alert">
      <Stack gap="xs">
        <Group gap="xs" align="baseline">
          <Text fz={28} fw={700} lh={1} data-testid="disposal-due-count">
            {count}
          </Text>
          <Text fz="sm">{t('dashboardDisposal.detail')}</Text>
        </Group>
        <Group>
          <Button size="xs" color="orange" onClick={onOpen}>
            {t('dashboardDisposal.open')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
