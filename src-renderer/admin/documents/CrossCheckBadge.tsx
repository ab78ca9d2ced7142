// What the number read from the ID photos says of the typed one — advice to the reviewer,
// never a reason to refuse: 一致 / 不一致 / 読み取れず, or still being checked.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CrossCheckVerdict } from '../../../src-shared/contract/crosscheck';

const COLORS: Record<CrossCheckVerdict, string> = { match: 'teal', mismatch: 'red', unreadable: 'gray' };

interface Props {
  verdict: CrossCheckVerdict | null;
  /** Whether there is a photo to check against at all. */
  checkable: boolean;
}

export function CrossCheckBadge({ verdict, checkable }: Props) {
  const { t } = useTranslation();
  const label = verdict ? t(`crossCheck.${verdict}`) : t(checkable ? 'crossCheck.pending' : 'crossCheck.none');
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={t('crossCheck.hint')} multiline w={280} withArrow>
        <Badge color={verdict ? COLORS[verdict] : 'gray'} variant={verdict === 'mismatch' ? 'filled' : 'light'} tt="none" fw={500} data-testid="cross-check" data-verdict={verdict ?? (checkable ? 'pending' : 'none')}>
          {label}
        </Badge>
      </Tooltip>
      {!verdict && checkable && (
        <Text fz="xs" c="dimmed">
          {t('crossCheck.label')}
        </Text>
      )}
    </Group>
  );
}
