// The main menu: the pages the signed-in user may open (decided by the access table through
// useSession().can), and the ones still to be built, shown disabled.
import { Badge, NavLink, Stack } from '@mantine/core';
import {
  IconAdjustments,
  IconBuildingStore,
  IconClipboardCheck,
  IconFileSpreadsheet,
  IconTrashX,
  IconHistory,
  IconLayoutDashboard,
  IconMailForward,
  IconReportAnalytics,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelName } from '../../../src-shared/access';
import { useVaultQuery } from '../data/query';
import { useSession, type Session } from '../session/session';

export type Page = 'dashboard' | 'registrants' | 'review' | 'groups' | 'collection' | 'csv' | 'disposal' | 'audit' | 'handlingReport' | 'users' | 'account' | 'settings';

/** Pages whose label lives in their own feature's strings rather than under nav.*. */
const OWN_LABELS = { review: 'reviewPage.nav', groups: 'groupsPage.nav', disposal: 'disposalPage.nav', handlingReport: 'handlingReport.nav' } as const;

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
  { page: 'review', icon: IconClipboardCheck, ready: true, opensWith: 'submissions.list' },
  // Groups are kept by those who may change them; everyone else just picks them in forms.
  { page: 'groups', icon: IconBuildingStore, ready: true, opensWith: 'groups.create' },
  { page: 'collection', icon: IconMailForward, ready: true, opensWith: 'lan.status' },
  { page: 'csv', icon: IconFileSpreadsheet, ready: true, opensWith: 'csv.importPreview' },
  { page: 'disposal', icon: IconTrashX, ready: true, opensWith: 'disposal.due' },
  { page: 'audit', icon: IconHistory, ready: true, opensWith: 'audit.query' },
  { page: 'handlingReport', icon: IconReportAnalytics, ready: true, opensWith: 'audit.report' },
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

function labelKey(page: Page) {
  return page in OWN_LABELS ? OWN_LABELS[page as keyof typeof OWN_LABELS] : (`nav.${page as Exclude<Page, keyof typeof OWN_LABELS>}` as const);
}

/**
 * How many submissions wait for review: read on sign-in, whenever submissions change here,
 * and on every move to another page (another user may have decided one meanwhile; no poll).
 */
function WaitingBadge({ active }: { active: Page }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const summary = useVaultQuery('submissions.summary', {}, { enabled: can('submissions.summary') });
  const { refetch } = summary;
  const shownFor = useRef(active);
  useEffect(() => {
    if (active === shownFor.current) return;
    shownFor.current = active;
    void refetch();
  }, [active, refetch]);
  const waiting = summary.data?.waiting ?? 0;
  if (waiting === 0) return null;
  return (
    <Badge size="sm" color="orange" variant="filled" circle={waiting < 10} aria-label={t('reviewPage.waitingBadge', { count: waiting })} data-testid="nav-waiting">
      {waiting}
    </Badge>
  );
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
            label={t(labelKey(page))}
            leftSection={<ItemIcon size={18} stroke={1.6} />}
            rightSection={
              page === 'review' ? (
                <WaitingBadge active={active} />
              ) : ready ? undefined : (
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
