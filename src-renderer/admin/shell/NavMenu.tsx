import { Badge, NavLink, Stack } from '@mantine/core';
import {
  IconFileSpreadsheet,
  IconHistory,
  IconLayoutDashboard,
  IconMailForward,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type Page = 'dashboard' | 'registrants' | 'collection' | 'csv' | 'audit' | 'settings';

interface Item {
  page: Page;
  icon: Icon;
  ready: boolean;
}

const ITEMS: readonly Item[] = [
  { page: 'dashboard', icon: IconLayoutDashboard, ready: true },
  { page: 'registrants', icon: IconUsers, ready: false },
  { page: 'collection', icon: IconMailForward, ready: false },
  { page: 'csv', icon: IconFileSpreadsheet, ready: false },
  { page: 'audit', icon: IconHistory, ready: false },
  { page: 'settings', icon: IconSettings, ready: false },
];

export function NavMenu({ active, onSelect }: { active: Page; onSelect: (page: Page) => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('shell.navLabel')}>
      <Stack gap={4}>
        {ITEMS.map(({ page, icon: ItemIcon, ready }) => (
          <NavLink
            key={page}
            component="button"
            type="button"
            label={t(`nav.${page}`)}
            leftSection={<ItemIcon size={18} stroke={1.6} />}
            rightSection={
              ready ? undefined : (
                <Badge size="xs" variant="light" color="gray" tt="none" fw={500}>
                  {t('common.comingSoon')}
                </Badge>
              )
            }
            active={active === page}
            disabled={!ready}
            aria-disabled={!ready || undefined}
            aria-current={active === page ? 'page' : undefined}
            onClick={() => ready && onSelect(page)}
          />
        ))}
      </Stack>
    </nav>
  );
}
