// Role, second factor and status of a user as badges for the user table.
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserDetail } from '../../../src-shared/contract';
import type { Role } from '../../../src-shared/domain';

const ROLE_COLORS: Record<Role, string> = { admin: 'ai', manager: 'cyan', viewer: 'gray' };

export function RoleBadge({ role }: { role: UserDetail['role'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROLE_COLORS[role]} variant="light" tt="none" fw={500}>
      {t(`roles.${role}`)}
    </Badge>
  );
}

export function FactorCell({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <span>{t(`factors.${user.secondFactor}`)}</span>
      {user.secondFactor === 'totp' && !user.totpEnrolled && (
        <Badge color="gray" variant="outline" size="sm" tt="none" fw={500}>
          {t('factors.notEnrolled')}
        </Badge>
      )}
    </Group>
  );
}

export function StatusBadges({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const badges: { key: string; color: string; label: string }[] = [];
  if (user.disabled) badges.push({ key: 'disabled', color: 'gray', label: t('usersPage.status.disabled') });
  if (user.locked) badges.push({ key: 'locked', color: 'red', label: t('usersPage.status.locked') });
  if (user.mustChangePassword) badges.push({ key: 'must-change', color: 'yellow', label: t('usersPage.status.mustChangePassword') });
  if (badges.length === 0) badges.push({ key: 'active', color: 'teal', label: t('usersPage.status.active') });
  return (
    <Group gap={4}>
      {badges.map((b) => (
        <Badge key={b.key} color={b.color} variant={b.key === 'active' ? 'outline' : 'light'} tt="none" fw={500} data-status={b.key}>
          {b.label}
        </Badge>
      ))}
    </Group>
  );
}
