// The main menu: the pages the signed-in user may open (decided by the access table through
// useSession().can), and the ones still to be built, shown disabled.
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
import type { ChannelName } from '../../../src-shared/access';
import { useSession, type Session } from '../session/session';

export type Page = 'dashboard' | 'registrants' | 'collection' | 'csv' | 'audit' | 'users' | 'account' | 'settings';

interface Item {
  page: Page;
  icon: Icon;
  ready: boolean;
  /** The channel the page opens with: the item shows only to those who may call it. */
  opensWith?: ChannelName;
}

const ITEMS: readonly Item[] = [
  { page: 'dashboard', icon: IconLayoutDashboard, ready: true },
  { page: 'registrants', icon: IconUsers, ready: true, opensWith: 'registrants.list' },
  { page: 'collection', icon: IconMailForward, ready: false },
  { page: 'csv', icon: IconFileSpreadsheet, ready: false },
  { page: 'audit', icon: IconHistory, ready: true, opensWith: 'audit.query' },
  { page: 'users', icon: IconUsersGroup, ready: true, opensWith: 'users.list' },
  { page: 'account', icon: IconUserCircle, ready: true },
  { page: 'settings', icon: IconAdjustments, ready: true, opensWith: 'settings.getSmtp' },
];

function offered(item: Item, can: Session['can']): boolean {
  return !item.opensWith || can(item.opensWith);
}

/** The pages the signed-in user may open. */
export function pagesFor(can: Session['can']): Page[] {
  return ITEMS.filter((item) => item.ready && offered(item, can)).map((item) => item.page);
}

export function NavMenu({ active, onSelect }: { active: Page; onSelect: (page: Page) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <nav aria-label={t('shell.navLabel')}>
      <Stack gap={4}>
        {ITEMS.filter((item) => offered(item, can)).map(({ page, icon: ItemIcon, ready }) => (
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
