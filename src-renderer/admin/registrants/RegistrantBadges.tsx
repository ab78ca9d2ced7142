// Status, attributes and whether a My Number is held, as badges for the list and the drawer;
// the completed lock as a badge of its own.
import { Badge, Group } from '@mantine/core';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import type { RegistrantStatus } from '../../../src-shared/domain';
import { useAttributes } from './lookups';

export const STATUS_COLORS: Record<RegistrantStatus, string> = {
  unregistered: 'gray',
  pending: 'orange',
  returned: 'yellow',
  declined: 'red',
  completed: 'teal',
};

export function RegistrantStatusBadge({ status }: { status: RegistrantStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" fw={500} data-status={status}>
      {t(`registrants.statuses.${status}`)}
    </Badge>
  );
}

export function AttributeBadges({ attributes }: { attributes: RegistrantRow['attributes'] }) {
  const { labelOf, ordered } = useAttributes();
  // Always in the order of the form (従業員 first, added ones after), whatever order the core returns.
  return (
    <Group gap={4}>
      {ordered(attributes).map((code) => (
        <Badge key={code} color="ai" variant="outline" size="sm" tt="none" fw={500} data-attribute={code}>
          {labelOf(code)}
        </Badge>
      ))}
    </Group>
  );
}

/** ロック中 for a locked completed record; ロック解除中 while an admin's unlock lasts. */
export function LockBadge({ locked, unlocked }: { locked: boolean; unlocked: boolean }) {
  const { t } = useTranslation();
  if (!locked && !unlocked) return null;
  return (
    <Badge
      color={locked ? 'gray' : 'orange'}
      variant={locked ? 'filled' : 'light'}
      tt="none"
      fw={500}
      leftSection={locked ? <IconLock size={12} aria-hidden /> : <IconLockOpen size={12} aria-hidden />}
      data-testid="lock-badge"
      data-locked={locked}
    >
      {t(locked ? 'registrants.status.locked' : 'registrants.status.unlocked')}
    </Badge>
  );
}

/** 登録済み / 未登録: never the number itself. */
export function MyNumberBadge({ held }: { held: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={held ? 'teal' : 'gray'} variant={held ? 'light' : 'outline'} tt="none" fw={500} data-mynumber={held ? 'held' : 'none'}>
      {t(held ? 'registrants.myNumberState.held' : 'registrants.myNumberState.none')}
    </Badge>
  );
}
