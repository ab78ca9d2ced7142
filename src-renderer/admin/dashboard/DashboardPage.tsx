// The signed-in start page: whether the audit trail still reaches the head kept outside the
// database (an alert for everyone when not), how many registrants there are and where their
// collection stands (counts only; no person is named here), and how the data is kept.
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClipboardCheck, IconLock, IconUserQuestion, IconUsers, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import type { Page } from '../shell/NavMenu';
import { AuditHeadAlert } from './AuditHeadAlert';

function CountCard({ title, count, detail, icon: CardIcon, testId }: { title: string; count: number | null; detail: string; icon: Icon; testId: string }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Group justify="space-between" align="flex-start">
        <Text fz="sm" c="dimmed" fw={500}>
          {title}
        </Text>
        <ThemeIcon variant="light" radius="md" size={34} aria-hidden>
          <CardIcon size={20} stroke={1.6} />
        </ThemeIcon>
      </Group>
      <Text fz={28} fw={600} mt="xs" data-testid={`${testId}-count`}>
        {count ?? '—'}
      </Text>
      <Text fz="xs" c="dimmed">
        {detail}
      </Text>
    </Card>
  );
}

export function DashboardPage({ onOpen }: { onOpen: (page: Page) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user } = useSession();
  const summaryQuery = useVaultQuery('registrants.summary', {});
  const auditStatus = useVaultQuery('audit.status', {});

  const summary = summaryQuery.data;
  const by = summary?.byStatus;
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1} fz="h2">
          {t('dashboard.title')}
        </Title>
        <Text mt={4}>{t('dashboard.welcome', { name: user.displayName })}</Text>
        <Text fz="sm" c="dimmed">
          {t('dashboard.welcomeDetail', { role: t(`roles.${user.role}`) })}
        </Text>
      </div>
      {auditStatus.data && !auditStatus.data.headOk && <AuditHeadAlert problem={auditStatus.data.problem} onOpenAudit={() => onOpen('audit')} />}
      <ErrorAlert message={summaryQuery.error ? errorText(summaryQuery.error) : null} />
      <section aria-label={t('dashboard.summaryLabel')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          <CountCard
            testId="summary-total"
            title={t('dashboard.registrants')}
            count={summary?.total ?? null}
            detail={t('dashboard.registrantsDetail', { count: summary?.withMyNumber ?? 0 })}
            icon={IconUsers}
          />
          <CountCard
            testId="summary-unregistered"
            title={t('dashboard.unregistered')}
            count={by?.unregistered ?? null}
            detail={t('dashboard.unregisteredDetail', { returned: by?.returned ?? 0, declined: by?.declined ?? 0 })}
            icon={IconUserQuestion}
          />
          <CountCard testId="summary-pending" title={t('dashboard.pending')} count={by?.pending ?? null} detail={t('dashboard.pendingDetail')} icon={IconClipboardCheck} />
          <CountCard testId="summary-completed" title={t('dashboard.completed')} count={by?.completed ?? null} detail={t('dashboard.completedDetail')} icon={IconCircleCheck} />
        </SimpleGrid>
      </section>
      <Card withBorder radius="md" padding="lg">
        <Group gap="md" align="flex-start" wrap="nowrap">
          <ThemeIcon variant="light" color="teal" radius="md" size={38} aria-hidden>
            <IconLock size={22} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Text fw={600}>{t('dashboard.securityTitle')}</Text>
            <Text fz="sm" c="dimmed" mt={4}>
              {t('dashboard.securityBody')}
            </Text>
          </div>
        </Group>
      </Card>
    </Stack>
  );
}
