// One figure of the dashboard: what it counts, the count, a line of detail and, where the
// figure asks for work, a button to the page that does it.
import { Button, Card, Group, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  count: number | null;
  detail: string;
  icon: Icon;
  testId: string;
  /** Draws the eye when the count is above zero (work is waiting). */
  attention?: boolean;
  action?: { label: string; onClick: () => void };
}

export function CountCard({ title, count, detail, icon: CardIcon, testId, attention = false, action }: Props) {
  const { i18n } = useTranslation();
  const waiting = attention && (count ?? 0) > 0;
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId} className="mnv-count-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text fz="sm" c="dimmed" fw={500}>
          {title}
        </Text>
        <ThemeIcon variant="light" color={waiting ? 'orange' : undefined} radius="md" size={34} aria-hidden>
          <CardIcon size={20} stroke={1.6} />
        </ThemeIcon>
      </Group>
      <Text fz={28} fw={600} mt="xs" c={waiting ? 'orange.8' : undefined} data-testid={`${testId}-count`}>
        {count === null ? '—' : count.toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP')}
      </Text>
      <Text fz="xs" c="dimmed">
        {detail}
      </Text>
      {action && (
        <Group mt="sm">
          <Button size="xs" variant={waiting ? 'filled' : 'light'} onClick={action.onClick}>
            {action.label}
          </Button>
        </Group>
      )}
    </Card>
  );
}
