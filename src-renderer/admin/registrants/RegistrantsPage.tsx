// 登録者: the people whose My Numbers are kept. Search, filter by status and attribute,
// sort, page through 50 at a time; a row opens the detail drawer, where admins and managers
// edit the registrant and register, correct or show the number. Viewers only read the list.
import { Button, Center, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, RegistrantRow, UserSummary } from '../../../src-shared/contract';
import { ATTRIBUTE_CODES, REGISTRANT_STATUSES, type AttributeCode, type RegistrantStatus } from '../../../src-shared/domain';
import { errorMessage, unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ListPager } from '../components/ListPager';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { RegistrantDrawer } from './RegistrantDrawer';
import { RegistrantFormModal } from './RegistrantFormModal';
import { RegistrantTable, type Sort } from './RegistrantTable';
import './registrants.css';

export const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
/** The filter option that filters nothing. */
const ALL = '*';

interface Listing {
  rows: RegistrantRow[];
  total: number;
  /** Whether any filter was applied: an empty list then means "nothing matches". */
  filtered: boolean;
}

export function RegistrantsPage({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const reauth = useReauth();
  const mayEdit = user.role === 'admin' || user.role === 'manager';

  const [text, setText] = useState('');
  const [debouncedText] = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const [status, setStatus] = useState<RegistrantStatus | null>(null);
  const [attribute, setAttribute] = useState<AttributeCode | null>(null);
  const [sort, setSort] = useState<Sort>({ by: 'kana', dir: 'asc' });
  const [page, setPage] = useState(1);

  const [listing, setListing] = useState<Listing | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);
  // Only the latest request may fill the table: earlier answers can arrive after it.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    const filter: NonNullable<ChannelInput<'registrants.list'>['filter']> = {};
    if (debouncedText) filter.text = debouncedText;
    if (status) filter.status = status;
    if (attribute) filter.attribute = attribute;
    try {
      const { rows, total } = await unwrap(
        window.vault.registrants.list({ filter, sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      );
      if (request !== latest.current) return;
      setListing({ rows, total, filtered: Object.keys(filter).length > 0 });
      setLoadError(null);
    } catch (err) {
      if (request !== latest.current) return;
      setLoadError(errorMessage(err, t('common.unexpectedError')));
    }
  }, [debouncedText, status, attribute, sort, page, t]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetch on every change of the query
    void load();
  }, [load]);

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
        <PageHeader title={t('registrants.title')} lead={t(mayEdit ? 'registrants.lead' : 'registrants.leadViewer')} />
        {mayEdit && (
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
        {listing ? (
          listing.rows.length > 0 ? (
            <RegistrantTable rows={listing.rows} sort={sort} onSort={resetPage(setSort)} onOpen={(row) => setDetailId(row.id)} />
          ) : (
            <Stack align="center" gap={4} p="xl" data-testid="registrants-empty">
              <Text fz="sm">{t(listing.filtered ? 'registrants.empty' : 'registrants.emptyNone')}</Text>
              {!listing.filtered && mayEdit && (
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

      {listing && <ListPager total={listing.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} totalTestId="registrants-total" />}

      {creating && (
        <RegistrantFormModal
          registrant={null}
          reauth={reauth}
          onClose={() => setCreating(false)}
          onSaved={(_id, message) => {
            setCreating(false);
            setNotice(message);
            void load();
          }}
        />
      )}
      <RegistrantDrawer
        registrantId={detailId}
        role={user.role}
        reauth={reauth}
        onClose={() => setDetailId(null)}
        onChanged={() => void load()}
      />
      {reauth.dialog}
    </Stack>
  );
}
