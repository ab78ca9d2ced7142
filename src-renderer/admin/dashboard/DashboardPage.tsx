// The signed-in start page. Figures arrive with the registrant and collection features;
// until then the cards say so calmly.
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClipboardCheck, IconHistory, IconLock, IconMailForward, IconUsers, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../src-shared/contract';

function PendingCard({ title, icon: CardIcon }: { title: string; icon: Icon }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" align="flex-start">
        <Text fz="sm" c="dimmed" fw={500}>
          {title}
        </Text>
        <ThemeIcon variant="light" radius="md" size={34} aria-hidden>
          <CardIcon size={20} stroke={1.6} />
        </ThemeIcon>
      </Group>
      <Text fz={28} fw={600} mt="xs" c="gray.5" aria-hidden>
        —
      </Text>
      <Text fz="xs" c="dimmed">
        {t('dashboard.notYet')}
      </Text>
    </Card>
  );
}

export function DashboardPage({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
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
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <PendingCard title={t('dashboard.registrants')} icon={IconUsers} />
        <PendingCard title={t('dashboard.pending')} icon={IconClipboardCheck} />
        <PendingCard title={t('dashboard.collection')} icon={IconMailForward} />
        <PendingCard title={t('dashboard.audit')} icon={IconHistory} />
      </SimpleGrid>
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
