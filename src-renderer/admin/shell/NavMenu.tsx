import { Badge, NavLink, Stack } from '@mantine/core';
import {
  IconAdjustments,
  IconFileSpreadsheet,
  IconHistory,
  IconLayoutDashboard,
  IconMailForward,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-shared/domain';

export type Page = 'dashboard' | 'registrants' | 'collection' | 'csv' | 'audit' | 'users' | 'account' | 'settings';

interface Item {
  page: Page;
  icon: Icon;
  ready: boolean;
  /** Roles that see the item; all when absent. */
  roles?: readonly Role[];
}

const ITEMS: readonly Item[] = [
  { page: 'dashboard', icon: IconLayoutDashboard, ready: true },
  { page: 'registrants', icon: IconUsers, ready: true },
  { page: 'collection', icon: IconMailForward, ready: false },
  { page: 'csv', icon: IconFileSpreadsheet, ready: false },
  { page: 'audit', icon: IconHistory, ready: true, roles: ['admin', 'manager'] },
  { page: 'users', icon: IconUsersGroup, ready: true, roles: ['admin'] },
  { page: 'account', icon: IconUserCircle, ready: true },
  { page: 'settings', icon: IconAdjustments, ready: true, roles: ['admin'] },
];

/** The pages a role may open. */
export function pagesFor(role: Role): Page[] {
  return ITEMS.filter((item) => item.ready && (!item.roles || item.roles.includes(role))).map((item) => item.page);
}

export function NavMenu({ role, active, onSelect }: { role: Role; active: Page; onSelect: (page: Page) => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('shell.navLabel')}>
      <Stack gap={4}>
        {ITEMS.filter((item) => !item.roles || item.roles.includes(role)).map(({ page, icon: ItemIcon, ready }) => (
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
