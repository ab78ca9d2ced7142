// One section of the registrant drawer: a bordered panel with an icon, a heading, whatever
// belongs on the heading's right (a badge, a button), and its content.
import { Group, Paper, Stack, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props {
  icon: Icon;
  title: string;
  aside?: ReactNode;
  testId: string;
  children: ReactNode;
  /** Extra data attributes for tests and styles. */
  data?: Record<`data-${string}`, string | undefined>;
}

export function DrawerSection({ icon: SectionIcon, title, aside, testId, children, data }: Props) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title} data-testid={testId} {...data}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap={8} wrap="nowrap">
            <SectionIcon size={20} stroke={1.6} aria-hidden />
            <Title order={4} fz="md">
              {title}
            </Title>
          </Group>
          {aside}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
