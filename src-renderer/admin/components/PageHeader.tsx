import { Text, Title } from '@mantine/core';

/** A signed-in page's heading and its one-line lead. */
export function PageHeader({ title, lead }: { title: string; lead: string }) {
  return (
    <div>
      <Title order={1} fz="h2">
        {title}
      </Title>
      <Text c="dimmed" fz="sm" mt={4}>
        {lead}
      </Text>
    </div>
  );
}
