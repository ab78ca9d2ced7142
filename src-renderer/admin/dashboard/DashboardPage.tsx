// The signed-in start page: whether the audit trail still reaches the head kept outside the
// database (an alert for everyone when not); the figures of the day's work — registrants,
// those not registered yet, submissions waiting for review (with the way to the review page),
// those past their leave date (the disposal candidates); registrants by status and by group
// as charts (counts only; no person is named here); those past their disposal due date (an
// alert, with the way to the 廃棄予定 list); and, for those who may read them, the facts of the
// vault itself; for admins, a warning when the last backup is older than a week.
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarOff, IconClipboardCheck, IconLock, IconUserQuestion, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { pagesFor, type Page } from '../shell/NavMenu';
import { BackupAlert } from '../backups/BackupAlert';
import { AuditHeadAlert } from './AuditHeadAlert';
import { CountCard } from './CountCard';
import { DisposalDueAlert } from './DisposalDueAlert';
import { GroupChart } from './GroupChart';
import { StatusChart } from './StatusChart';
import { SystemFacts } from './SystemFacts';
import './dashboard.css';

export function DashboardPage({ onOpen }: { onOpen: (page: Page) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user, can } = useSession();
  const summaryQuery = useVaultQuery('registrants.summary', {});
  const waitingQuery = useVaultQuery('submissions.summary', {});
  const auditStatus = useVaultQuery('audit.status', {});
  const backups = useVaultQuery('backups.status', {}, { enabled: can('backups.status') });
  const mayReview = pagesFor(can).includes('review');

  const summary = summaryQuery.data;
  const by = summary?.byStatus;
  const failed = summaryQuery.error ?? waitingQuery.error;
  return (
    <Stack gap="lg" maw={1200}>
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
      {backups.data?.stale && <BackupAlert lastSuccessAt={backups.data.lastSuccessAt} onOpenSettings={() => onOpen('settings')} />}
      <ErrorAlert message={failed ? errorText(failed) : null} />
      <DisposalDueAlert onOpen={() => onOpen('disposal')} />
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
          <CountCard
            testId="summary-waiting"
            title={t('dashboardPanels.waiting.title')}
            count={waitingQuery.data?.waiting ?? null}
            detail={t('dashboardPanels.waiting.detail')}
            icon={IconClipboardCheck}
            attention
            action={mayReview ? { label: t('dashboardPanels.waiting.open'), onClick: () => onOpen('review') } : undefined}
          />
          <CountCard
            testId="summary-leave-passed"
            title={t('dashboardPanels.leaveDatePassed.title')}
            count={summary?.leaveDatePassed ?? null}
            detail={t('dashboardPanels.leaveDatePassed.detail')}
            icon={IconCalendarOff}
          />
        </SimpleGrid>
      </section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <StatusChart byStatus={by} />
        <GroupChart byGroup={summary?.byGroup} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: can('system.facts') ? 2 : 1 }} spacing="md">
        {can('system.facts') && <SystemFacts auditStatus={auditStatus.data} />}
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
      </SimpleGrid>
    </Stack>
  );
}
