// 審査: the submissions of the registrants the user may see, waiting ones first by default
// (returned, declined, approved or all on request), paged; a row opens its detail, where
// reviewers approve, return or decline it. Decisions invalidate 'submissions' (and the
// registrants, whose status moves with them).
import { Center, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBMISSION_STATES } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { ListPager } from '../components/ListPager';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { SubmissionDrawer } from './SubmissionDrawer';
import { SubmissionTable } from './SubmissionTable';
import './review.css';

const PAGE_SIZE = 50;
const FILTERS = ['pending', 'returned', 'declined', 'approved', 'all'] as const;
type Filter = (typeof FILTERS)[number];

export function ReviewPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const [filter, setFilter] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const status = (SUBMISSION_STATES as readonly string[]).includes(filter) ? (filter as (typeof SUBMISSION_STATES)[number]) : undefined;
  const list = useVaultQuery('submissions.list', { ...(status ? { status } : {}), offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, { placeholderData: (previous) => previous });
  const rows = list.data?.rows;

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('reviewPage.title')} lead={t(can('submissions.approve') ? 'reviewPage.lead' : 'reviewPage.leadViewer')} />
      <Notice message={notice} onClose={() => setNotice(null)} />
      <SegmentedControl
        aria-label={t('reviewPage.filterLabel')}
        data={FILTERS.map((value) => ({ value, label: t(`reviewPage.filters.${value}`) }))}
        value={filter}
        onChange={(value) => {
          setFilter(value as Filter);
          setPage(1);
        }}
        w="fit-content"
        data-testid="submission-filter"
      />
      <ErrorAlert message={list.error ? errorText(list.error) : null} />
      <Paper withBorder radius="md" p="md">
        {rows ? (
          rows.length === 0 ? (
            <Stack align="center" gap={4} p="xl" data-testid="submissions-empty">
              <IconClipboardCheck size={32} stroke={1.4} aria-hidden />
              <Text fw={500}>{t(filter === 'pending' ? 'reviewPage.emptyPending' : 'reviewPage.empty')}</Text>
            </Stack>
          ) : (
            <Stack gap="sm">
              <SubmissionTable
                rows={rows}
                onOpen={(row) => {
                  setNotice(null);
                  setOpenId(row.id);
                }}
              />
              <ListPager total={list.data?.total ?? 0} page={page} pageSize={PAGE_SIZE} onPage={setPage} totalTestId="submissions-total" />
            </Stack>
          )
        ) : (
          !list.error && (
            <Center p="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          )
        )}
      </Paper>
      <SubmissionDrawer
        submissionId={openId}
        onClose={() => setOpenId(null)}
        onDecided={(message) => {
          setOpenId(null);
          setNotice(message);
        }}
      />
    </Stack>
  );
}
