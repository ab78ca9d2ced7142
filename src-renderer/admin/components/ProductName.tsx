import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** "マイナンバー保管庫 / MyNumber Vault", with the other language's name beneath. */
export function ProductName({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 44 : 34} radius="md" variant="filled" aria-hidden>
        <IconShieldLock size={size === 'lg' ? 26 : 20} />
      </ThemeIcon>
      <Stack gap={0}>
        <Text fw={700} fz={size === 'lg' ? 'xl' : 'md'} lh={1.3}>
          {t('app.name')}
        </Text>
        <Text c="dimmed" fz="xs" lh={1.3}>
          {t('app.nameLatin')}
        </Text>
      </Stack>
    </Group>
  );
}
