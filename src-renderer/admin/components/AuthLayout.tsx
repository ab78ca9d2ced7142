import { Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';
import { ProductName } from './ProductName';

/** The centred card of the setup and login screens, with the language switch above it. */
export function AuthLayout({ width = 460, children }: { width?: number; children: ReactNode }) {
  return (
    <main className="mnv-auth-page">
      <Stack gap="lg" w="100%" maw={width}>
        <Group justify="space-between" align="center">
          <ProductName size="lg" />
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="xs" radius="md" p="xl">
          {children}
        </Paper>
      </Stack>
    </main>
  );
}
