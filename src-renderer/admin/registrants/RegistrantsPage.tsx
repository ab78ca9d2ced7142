// 登録者: the people whose My Numbers are kept. Search, filter by status and attribute,
// sort, page through 50 at a time; a row opens the detail drawer, where those who may edit
// registrants and handle numbers do so. Others only read the list. Changes made anywhere on
// the page invalidate 'registrants', so the list and the drawer are read again.
import { Button, Center, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract';
import { ATTRIBUTE_CODES, REGISTRANT_STATUSES, type AttributeCode, type RegistrantStatus } from '../../../src-shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import { ListPager } from '../components/ListPager';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { RegistrantDrawer } from './RegistrantDrawer';
import { RegistrantFormModal } from './RegistrantFormModal';
import { RegistrantTable, type Sort } from './RegistrantTable';
import './registrants.css';

export const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
/** The filter option that filters nothing. */
const ALL = '*';

export function RegistrantsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const reauth = useReauth();
  const mayAdd = can('registrants.create');

  const [text, setText] = useState('');
  const [debouncedText] = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const [status, setStatus] = useState<RegistrantStatus | null>(null);
  const [attribute, setAttribute] = useState<AttributeCode | null>(null);
  const [sort, setSort] = useState<Sort>({ by: 'kana', dir: 'asc' });
  const [page, setPage] = useState(1);

  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);

  const filter: NonNullable<ChannelInput<'registrants.list'>['filter']> = {};
  if (debouncedText) filter.text = debouncedText;
  if (status) filter.status = status;
  if (attribute) filter.attribute = attribute;
  const filtered = Object.keys(filter).length > 0;
  // Keyed by the query: an earlier answer arriving late never fills the table.
  const listing = useVaultQuery(
    'registrants.list',
    { filter, sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    { placeholderData: keepPreviousData },
  );
  const loadError = listing.error ? errorText(listing.error) : null;

  // A new query starts again from the first page.
  const resetPage = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };
  const [pendingText, setPendingText] = useState(debouncedText);
  if (pendingText !== debouncedText) {
    setPendingText(debouncedText);
    setPage(1);
  }

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <PageHeader title={t('registrants.title')} lead={t(can('registrants.update') ? 'registrants.lead' : 'registrants.leadViewer')} />
        {mayAdd && (
          <Button
            leftSection={<IconUserPlus size={18} />}
            onClick={() => {
              setNotice(null);
              setCreating(true);
            }}
          >
            {t('registrants.add')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={loadError} />

      <Group gap="sm" align="flex-end" role="search" aria-label={t('registrants.filters.label')}>
        <TextInput
          label={t('registrants.filters.search')}
          placeholder={t('registrants.filters.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          type="search"
          autoComplete="off"
          // A search is not unsaved work: the idle lock does not warn about it.
          data-mnv-transient
          flex={1}
          miw={280}
        />
        <Select
          label={t('registrants.filters.status')}
          data={[
            { value: ALL, label: t('registrants.filters.statusAll') },
            ...REGISTRANT_STATUSES.map((value) => ({ value, label: t(`registrants.statuses.${value}`) })),
          ]}
          value={status ?? ALL}
          onChange={resetPage((value: string | null) => setStatus(value === ALL || value === null ? null : (value as RegistrantStatus)))}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t('registrants.filters.attribute')}
          data={[
            { value: ALL, label: t('registrants.filters.attributeAll') },
            ...ATTRIBUTE_CODES.map((value) => ({ value, label: t(`registrants.attributes.${value}`) })),
          ]}
          value={attribute ?? ALL}
          onChange={resetPage((value: string | null) => setAttribute(value === ALL || value === null ? null : (value as AttributeCode)))}
          allowDeselect={false}
          w={200}
        />
      </Group>

      <Paper withBorder radius="md" p="md">
        {listing.data ? (
          listing.data.rows.length > 0 ? (
            <RegistrantTable rows={listing.data.rows} sort={sort} onSort={resetPage(setSort)} onOpen={(row) => setDetailId(row.id)} />
          ) : (
            <Stack align="center" gap={4} p="xl" data-testid="registrants-empty">
              <Text fz="sm">{t(filtered ? 'registrants.empty' : 'registrants.emptyNone')}</Text>
              {!filtered && mayAdd && (
                <Text fz="sm" c="dimmed">
                  {t('registrants.emptyNoneHint')}
                </Text>
              )}
            </Stack>
          )
        ) : (
          !loadError && (
            <Center p="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          )
        )}
      </Paper>

      {listing.data && <ListPager total={listing.data.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} totalTestId="registrants-total" />}

      {creating && (
        <RegistrantFormModal
          registrant={null}
          reauth={reauth}
          onClose={() => setCreating(false)}
          onSaved={(_id, message) => {
            setCreating(false);
            setNotice(message);
          }}
        />
      )}
      <RegistrantDrawer registrantId={detailId} reauth={reauth} onClose={() => setDetailId(null)} />
      {reauth.dialog}
    </Stack>
  );
}
