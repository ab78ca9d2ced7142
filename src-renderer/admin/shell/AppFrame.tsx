// The frame around every signed-in screen: header (product, user, language, lock, logout),
// navigation on the left, the page in the middle.
import { AppShell, Button, Group, Text } from '@mantine/core';
import { IconLock, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountPage } from '../account/AccountPage';
import { AuditPage } from '../audit/AuditPage';
import { HandlingReportPage } from '../audit/HandlingReportPage';
import { CollectionPage } from '../collection/CollectionPage';
import { CsvPage } from '../csv/CsvPage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ProductName } from '../components/ProductName';
import { DashboardPage } from '../dashboard/DashboardPage';
import { DisposalPage } from '../disposal/DisposalPage';
import { GroupsPage } from '../groups/GroupsPage';
import { RegistrantsPage } from '../registrants/RegistrantsPage';
import { useSession } from '../session/session';
import { SettingsPage } from '../settings/SettingsPage';
import { ReviewPage } from '../submissions/ReviewPage';
import { UsersPage } from '../users/UsersPage';
import { NavMenu, pagesFor, type Page } from './NavMenu';

interface Props {
  onLogout: () => void;
  onLock: () => void;
}

function PageContent({ page, onOpen }: { page: Page; onOpen: (page: Page) => void }) {
  const { can } = useSession();
  const dashboard = <DashboardPage onOpen={onOpen} />;
  if (!pagesFor(can).includes(page)) return dashboard;
  switch (page) {
    case 'registrants':
      return <RegistrantsPage onOpenImport={() => onOpen('csv')} />;
    case 'review':
      return <ReviewPage />;
    case 'groups':
      return <GroupsPage />;
    case 'collection':
      return <CollectionPage />;
    case 'csv':
      return <CsvPage />;
    case 'disposal':
      return <DisposalPage />;
    case 'users':
      return <UsersPage />;
    case 'audit':
      return <AuditPage />;
    case 'handlingReport':
      return <HandlingReportPage />;
    case 'account':
      return <AccountPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return dashboard;
  }
}

export function AppFrame({ onLogout, onLock }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [page, setPage] = useState<Page>('dashboard');
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 0 }} padding="lg">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <ProductName />
          <Group gap="md" wrap="nowrap">
            <Group gap={6} wrap="nowrap" aria-label={t('shell.user')}>
              <IconUserCircle size={20} stroke={1.5} aria-hidden />
              <Text fz="sm" data-testid="current-user">
                {user.displayName}
              </Text>
            </Group>
            <LanguageSwitch />
            <Button variant="default" size="xs" leftSection={<IconLock size={16} />} onClick={onLock}>
              {t('shell.lock')}
            </Button>
            <Button variant="default" size="xs" leftSection={<IconLogout size={16} />} onClick={onLogout}>
              {t('shell.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <NavMenu active={page} onSelect={setPage} />
      </AppShell.Navbar>
      <AppShell.Main data-mnv-main>
        <PageContent page={page} onOpen={setPage} />
      </AppShell.Main>
    </AppShell>
  );
}
