// The groups a login user is limited to (担当グループ), in the user form: a multi-select of
// the groups, empty meaning every group; for a role that always reaches every group (admins)
// a note instead. Also the line under a user's role in the users table naming them.
import { Alert, MultiSelect, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-shared/domain';
import { useVaultQuery } from '../data/query';
import { reachesEveryGroup } from './scope';

interface FieldProps {
  role: Role;
  value: string[];
  onChange: (groupIds: string[]) => void;
  error?: ReactNode;
}

export function UserGroupsField({ role, value, onChange, error }: FieldProps) {
  const { t } = useTranslation();
  const groups = useVaultQuery('groups.list', {});
  if (reachesEveryGroup(role)) {
    return (
      <Alert role="note" color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="user-groups-admin-note">
        {t('userGroups.adminNote')}
      </Alert>
    );
  }
  const rows = groups.data?.rows;
  if (rows && rows.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="user-groups-none">
        {t('userGroups.noGroups')}
      </Text>
    );
  }
  return (
    <MultiSelect
      label={t('userGroups.field')}
      description={t('userGroups.hint')}
      placeholder={value.length === 0 ? t('userGroups.placeholder') : undefined}
      data={(rows ?? []).map((g) => ({ value: g.id, label: g.name }))}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      clearable
      disabled={!rows}
      comboboxProps={{ withinPortal: true, zIndex: 1000 }}
      data-testid="user-groups-field"
    />
  );
}

/** 担当グループ under a user's role in the users table; nothing for a role that reaches every group. */
export function UserGroupsCell({ role, groupIds }: { role: Role; groupIds: readonly string[] }) {
  const { t } = useTranslation();
  const groups = useVaultQuery('groups.list', {});
  if (reachesEveryGroup(role)) return null;
  if (groupIds.length === 0) {
    return (
      <Text fz="xs" c="dimmed" data-testid="user-groups">
        {t('userGroups.cellAll')}
      </Text>
    );
  }
  const names = groupIds.map((id) => groups.data?.rows.find((g) => g.id === id)?.name ?? '…');
  return (
    <Text fz="xs" data-testid="user-groups">
      {t('userGroups.cellLimited', { names: names.join(t('reviewPage.detail.listSeparator')) })}
    </Text>
  );
}
