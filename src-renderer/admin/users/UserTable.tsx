// The list of login users, one row each, with a menu of the actions that apply to the row.
import { ActionIcon, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconDots, IconKey, IconLockOpen, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UserDetail } from '../../../src-shared/contract';
import { UserGroupsCell } from '../groups/UserGroupsField';
import { FactorCell, RoleBadge, StatusBadges } from './UserBadges';

export type UserAction = 'edit' | 'resetPassword' | 'unlock' | 'disable' | 'enable';

interface Props {
  rows: UserDetail[];
  currentUserId: string | null;
  onAction: (action: UserAction, user: UserDetail) => void;
}

function useDateTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
  return (iso: string) => format.format(new Date(iso));
}

function RowMenu({ user, onAction }: { user: UserDetail; onAction: Props['onAction'] }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('usersPage.menuLabel', { name: user.displayName })}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction('edit', user)}>
          {t('usersPage.actions.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onAction('resetPassword', user)}>
          {t('usersPage.actions.resetPassword')}
        </Menu.Item>
        {user.locked && (
          <Menu.Item leftSection={<IconLockOpen size={16} />} onClick={() => onAction('unlock', user)}>
            {t('usersPage.actions.unlock')}
          </Menu.Item>
        )}
        <Menu.Divider />
        {user.disabled ? (
          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => onAction('enable', user)}>
            {t('usersPage.actions.enable')}
          </Menu.Item>
        ) : (
          <Menu.Item color="red" leftSection={<IconUserOff size={16} />} onClick={() => onAction('disable', user)}>
            {t('usersPage.actions.disable')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

export function UserTable({ rows, currentUserId, onAction }: Props) {
  const { t } = useTranslation();
  const formatDate = useDateTime();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('usersPage.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('usersPage.columns.loginId')}</Table.Th>
            <Table.Th>{t('usersPage.columns.displayName')}</Table.Th>
            <Table.Th>{t('usersPage.columns.email')}</Table.Th>
            <Table.Th>{t('usersPage.columns.role')}</Table.Th>
            <Table.Th>{t('usersPage.columns.factor')}</Table.Th>
            <Table.Th>{t('usersPage.columns.status')}</Table.Th>
            <Table.Th>{t('usersPage.columns.lastLogin')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('adminCommon.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((user) => (
            <Table.Tr key={user.id} data-login-id={user.loginId}>
              <Table.Td>
                <Text ff="monospace" fz="sm">
                  {user.loginId}
                </Text>
              </Table.Td>
              <Table.Td>
                {user.displayName}
                {user.id === currentUserId && (
                  <Text span c="dimmed" fz="xs" ml={4}>
                    {t('usersPage.you')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{user.email}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <RoleBadge role={user.role} />
                  <UserGroupsCell role={user.role} groupIds={user.groupIds} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <FactorCell user={user} />
              </Table.Td>
              <Table.Td>
                <StatusBadges user={user} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm" c={user.lastLoginAt ? undefined : 'dimmed'}>
                  {user.lastLoginAt ? formatDate(user.lastLoginAt) : t('usersPage.never')}
                </Text>
              </Table.Td>
              <Table.Td>
                <RowMenu user={user} onAction={onAction} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
