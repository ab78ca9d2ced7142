// 登録者: the people whose My Numbers are kept. Search, filter (status, group or none,
// attribute, number held or not, leave-date range), sort by a column, page through 50 at a
// time; a row opens the detail drawer, where those who may edit registrants and handle
// numbers do so. Others only read the list. Changes made anywhere on the page invalidate
// 'registrants', so the list and the drawer are read again. Those who may send collection
// e-mails or print QR sheets choose rows with their check boxes (across pages) and act on
// them from the bar above the list.
//
// The search text is sent once typing has paused (SEARCH_DELAY_MS), not per keystroke, and
// the page shown stays until the next one has arrived. Kana is sent as typed: the core finds
// katakana readings from hiragana and half-width kana itself.
import { Button, Center, Group, Loader, Menu, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconFileExport, IconFileImport, IconFileSpreadsheet, IconFilterOff, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract';
import { REGISTRANT_STATUSES, type AttributeCode, type RegistrantStatus } from '../../../src-shared/domain';
import { DateField } from '../components/DateField';
import { ExportDialog } from '../csv/ExportDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ListPager } from '../components/ListPager';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { useAttributes, useGroups } from './lookups';
import { RegistrantDrawer } from './RegistrantDrawer';
import { RegistrantFormModal } from './RegistrantFormModal';
import { RegistrantTable, type RowSelection, type Sort } from './RegistrantTable';
import { SelectionActions } from './SelectionActions';
import './registrants.css';

export const PAGE_SIZE = 50;
export const SEARCH_DELAY_MS = 300;
/** The filter option that filters nothing. */
const ALL = '*';
/** The group filter's option for registrants in no group. */
const NO_GROUP = '-';

type ListFilter = NonNullable<ChannelInput<'registrants.list'>['filter']>;
type NumberHeld = 'held' | 'none';

const DEFAULT_SORT: Sort = { by: 'kana', dir: 'asc' };

/** `onOpenImport`: opens the CSV page's import wizard. */
export function RegistrantsPage({ onOpenImport }: { onOpenImport?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const reauth = useReauth();
  const attributes = useAttributes();
  const groups = useGroups();
  const mayAdd = can('registrants.create');

  const [text, setText] = useState('');
  const [debouncedText] = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const [status, setStatus] = useState<RegistrantStatus | null>(null);
  /** null: any group; NO_GROUP: in none; else a group's id. */
  const [group, setGroup] = useState<string | null>(null);
  const [attribute, setAttribute] = useState<AttributeCode | null>(null);
  const [numberHeld, setNumberHeld] = useState<NumberHeld | null>(null);
  const [leaveFrom, setLeaveFrom] = useState('');
  const [leaveTo, setLeaveTo] = useState('');
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [page, setPage] = useState(1);

  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);
  const maySelect = can('collection.sendMail') || can('invitations.printSheet');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selection: RowSelection = {
    selected,
    onChange: (ids, on) =>
      setSelected((current) => {
        const next = new Set(current);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
  };

  const leaveRangeBackwards = leaveFrom !== '' && leaveTo !== '' && leaveTo < leaveFrom;
  const filter: ListFilter = {};
  if (debouncedText) filter.text = debouncedText;
  if (status) filter.status = status;
  if (group) filter.groupId = group === NO_GROUP ? null : group;
  if (attribute) filter.attribute = attribute;
  if (numberHeld) filter.hasMyNumber = numberHeld === 'held';
  if ((leaveFrom || leaveTo) && !leaveRangeBackwards) filter.leaveDate = { ...(leaveFrom && { from: leaveFrom }), ...(leaveTo && { to: leaveTo }) };
  const filtered = Object.keys(filter).length > 0;
  const anyFilterSet = filtered || text !== '' || leaveFrom !== '' || leaveTo !== '';
  // Keyed by the query: an earlier answer arriving late never fills the table, and the
  // previous page stays on screen (dimmed) until the next one is there.
  const listing = useVaultQuery(
    'registrants.list',
    { filter, sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    { placeholderData: keepPreviousData },
  );
  const loadError = listing.error ? errorText(listing.error) : null;
  const refreshing = listing.isPlaceholderData && listing.isFetching;
  // Typed but not sent yet, or sent and not answered yet.
  const searching = text.trim() !== debouncedText || refreshing;

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

  const clearFilters = () => {
    setText('');
    setStatus(null);
    setGroup(null);
    setAttribute(null);
    setNumberHeld(null);
    setLeaveFrom('');
    setLeaveTo('');
    setPage(1);
  };

  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end">
        <PageHeader title={t('registrants.title')} lead={t(can('registrants.update') ? 'registrants.lead' : 'registrants.leadViewer')} />
        <Group gap="sm">
          {(can('csv.importPreview') || can('csv.export')) && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconFileSpreadsheet size={18} />} rightSection={<IconChevronDown size={14} />} data-testid="registrants-csv">
                  {t('csvPage.menu')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {onOpenImport && can('csv.importPreview') && (
                  <Menu.Item leftSection={<IconFileImport size={16} />} onClick={onOpenImport} data-testid="registrants-csv-import">
                    {t('csvPage.openImport')}
                  </Menu.Item>
                )}
                {can('csv.export') && (
                  <Menu.Item leftSection={<IconFileExport size={16} />} onClick={() => setExporting(true)} data-testid="registrants-csv-export">
                    {t('csvPage.openExport')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
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
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={loadError} />

      {/* Search and filters are not unsaved work: the idle lock does not warn about them. */}
      <Stack gap="sm" role="search" aria-label={t('registrants.filters.label')} data-mnv-transient>
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('registrants.filters.search')}
            placeholder={t('registrants.filters.searchPlaceholder')}
            leftSection={searching ? <Loader size={14} aria-hidden /> : <IconSearch size={16} aria-hidden />}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            type="search"
            autoComplete="off"
            data-searching={searching || undefined}
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
            w={170}
          />
          <Select
            label={t('registrants.filters.group')}
            data={[
              { value: ALL, label: t('registrants.filters.groupAll') },
              ...groups.rows.map((row) => ({ value: row.id, label: row.name })),
              { value: NO_GROUP, label: t('registrants.noGroup') },
            ]}
            value={group ?? ALL}
            onChange={resetPage((value: string | null) => setGroup(value === ALL ? null : value))}
            allowDeselect={false}
            searchable={groups.rows.length > 10}
            w={190}
          />
          <Select
            label={t('registrants.filters.attribute')}
            data={[
              { value: ALL, label: t('registrants.filters.attributeAll') },
              ...attributes.rows.map((row) => ({
                value: row.code,
                label: row.retired ? t('registrants.filters.retired', { label: attributes.labelOf(row.code) }) : attributes.labelOf(row.code),
              })),
            ]}
            value={attribute ?? ALL}
            onChange={resetPage((value: string | null) => setAttribute(value === ALL || value === null ? null : (value as AttributeCode)))}
            allowDeselect={false}
            w={190}
          />
        </Group>
        <Group gap="sm" align="flex-start">
          <Select
            label={t('registrants.filters.myNumber')}
            data={[
              { value: ALL, label: t('registrants.filters.myNumberAll') },
              { value: 'held', label: t('registrants.filters.myNumberHeld') },
              { value: 'none', label: t('registrants.filters.myNumberNone') },
            ]}
            value={numberHeld ?? ALL}
            onChange={resetPage((value: string | null) => setNumberHeld(value === 'held' || value === 'none' ? value : null))}
            allowDeselect={false}
            w={170}
          />
          <DateField
            label={t('registrants.filters.leaveFrom')}
            placeholder={t('registrants.filters.datePlaceholder')}
            value={leaveFrom}
            onChange={resetPage(setLeaveFrom)}
            showWareki={false}
            w={190}
          />
          <DateField
            label={t('registrants.filters.leaveTo')}
            placeholder={t('registrants.filters.datePlaceholder')}
            value={leaveTo}
            onChange={resetPage(setLeaveTo)}
            showWareki={false}
            error={leaveRangeBackwards ? t('registrants.filters.leaveRangeError') : undefined}
            w={190}
          />
          {anyFilterSet && (
            <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={clearFilters} mt={25}>
              {t('registrants.filters.clear')}
            </Button>
          )}
        </Group>
      </Stack>

      {maySelect && <SelectionActions selected={selected} onClear={() => setSelected(new Set())} />}

      <Paper withBorder radius="md" p="md" className={refreshing ? 'mnv-refreshing' : undefined} aria-busy={refreshing || undefined}>
        {listing.data ? (
          listing.data.rows.length > 0 ? (
            <RegistrantTable
              rows={listing.data.rows}
              sort={sort}
              onSort={resetPage(setSort)}
              onOpen={(row) => setDetailId(row.id)}
              selection={maySelect ? selection : undefined}
            />
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
      {exporting && (
        <ExportDialog
          reauth={reauth}
          onClose={() => setExporting(false)}
          onExported={(message) => {
            setExporting(false);
            setNotice(message);
          }}
        />
      )}
      <RegistrantDrawer registrantId={detailId} reauth={reauth} onClose={() => setDetailId(null)} />
      {reauth.dialog}
    </Stack>
  );
}
