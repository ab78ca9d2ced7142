// Under a paged list: the total, which rows are shown, and the page buttons (only when there
// is more than one page).
import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** data-testid of the total, for tests. */
  totalTestId: string;
  /** Said instead of the total when the list knows only that there are at least `total` rows. */
  totalLabel?: string | undefined;
}

export function ListPager({ total, page, pageSize, onPage, totalTestId, totalLabel }: Props) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  return (
    <Group justify="space-between">
      <Group gap="sm">
        <Text fz="sm" data-testid={totalTestId}>
          {totalLabel ?? t('common.listTotal', { count: total })}
        </Text>
        {pages > 1 && (
          <Text fz="sm" c="dimmed">
            {t('common.listRange', { from, to })}
          </Text>
        )}
      </Group>
      {pages > 1 && (
        <nav aria-label={t('common.pagination')}>
          <Pagination total={pages} value={page} onChange={onPage} size="sm" />
        </nav>
      )}
    </Group>
  );
}
