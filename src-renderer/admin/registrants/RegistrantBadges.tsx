// Status, attributes and whether a My Number is held, as badges for the list and the drawer.
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import { ATTRIBUTE_CODES, type RegistrantStatus } from '../../../src-shared/domain';

const STATUS_COLORS: Record<RegistrantStatus, string> = {
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
  const { t } = useTranslation();
  // Always in the order of the form (従業員 first), whatever order the core returns.
  const ordered = ATTRIBUTE_CODES.filter((code) => attributes.includes(code));
  return (
    <Group gap={4}>
      {ordered.map((code) => (
        <Badge key={code} color="ai" variant="outline" size="sm" tt="none" fw={500} data-attribute={code}>
          {t(`registrants.attributes.${code}`)}
        </Badge>
      ))}
    </Group>
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
