// 監査ログ (for those who may call audit.query): every operation recorded by the core, newest
// first, 50 a page, filtered by period, user, operation, target registrant, result and purpose
// of use, and downloaded as CSV as filtered (the download is recorded too). Those who may call
// audit.verify can also check the hash chain for tampering (改ざんチェック). Each look at
// this page is itself recorded by the core.
import { Button, Center, Group, Loader, Menu, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconDownload, IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_GROUPS, AUDIT_OUTCOMES, type AuditActionGroup, type AuditOutcome } from '../../../src-shared/audit-vocabulary';
import type { ChannelInput } from '../../../src-shared/contract';
import type { CsvEncoding } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { useReauth } from '../components/useReauth';
import { ListPager } from '../components/ListPager';
import { PageHeader } from '../components/PageHeader';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { AuditTable } from './AuditTable';
import { useChainCheck } from './ChainCheck';
import { downloadFile } from './download';
import { useAuditLabels } from './labels';
import './audit.css';

export const PAGE_SIZE = 50;
/** The filter option that filters nothing. */
const ALL = '*';
type Filter = NonNullable<ChannelInput<'audit.query'>['filter']>;

/** A YYYY-MM-DD day's first or last instant in local time, as the core's ISO datetime. */
function dayBound(ymd: string, end: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = end ? new Date(y, mo, d, 23, 59, 59, 999) : new Date(y, mo, d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const labels = useAuditLabels();
  const mayCheckChain = can('audit.verify');

  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actorId, setActorId] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<AuditOutcome | null>(null);
  const [purpose, setPurpose] = useState<string | null>(null);
  const [registrant, setRegistrant] = useState<{ id: string; label: string } | null>(null);
  const [registrantSearch, setRegistrantSearch] = useState('');
  // Opening lists and records is recorded too; by default those entries stay out of the way.
  const [showViews, setShowViews] = useState(false);
  const [page, setPage] = useState(1);

  const rangeInvalid = from !== '' && to !== '' && from > to;
  const filter: Filter = {};
  const fromIso = dayBound(from, false);
  const toIso = dayBound(to, true);
  if (fromIso) filter.from = fromIso;
  if (toIso) filter.to = toIso;
  if (actorId) filter.actorId = actorId;
  if (action) filter.action = action;
  if (outcome) filter.outcome = outcome;
  if (purpose) filter.purpose = purpose;
  if (registrant) filter.registrantId = registrant.id;
  // A chosen operation is shown whatever it is, views included.
  const hideRoutineViews = !showViews && !action;

  const listing = useVaultQuery(
    'audit.query',
    { filter: { ...filter, hideRoutineViews }, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    { enabled: !rangeInvalid, placeholderData: keepPreviousData },
  );
  // Only the filter's choices: without them the filter offers "all" alone.
  const actors = useVaultQuery('audit.actors', {});
  const purposes = useVaultQuery('purposes.list', {}, { enabled: can('purposes.list') });
  // The registrant filter searches as one types (a search is recorded like any list).
  const searchText = registrantSearch.trim();
  const searching = searchText !== '' && searchText !== registrant?.label;
  const found = useVaultQuery('registrants.list', { filter: { text: searchText }, limit: 20 }, { enabled: searching, placeholderData: keepPreviousData });
  const check = useChainCheck();
  const reauth = useReauth();
  const exporting = useAction();
  const exportCsv = useVaultMutation('audit.export', { invalidates: ['audit'] });
  const download = async (encoding: CsvEncoding) => {
    const file = await exporting.run(() => reauth.run(() => exportCsv.send({ filter: { ...filter, hideRoutineViews }, encoding })));
    if (file) downloadFile(file);
  };

  // A new query starts again from the first page.
  const resetPage =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const anyFilter = from !== '' || to !== '' || actorId !== null || action !== null || outcome !== null || purpose !== null || registrant !== null;
  const resetFilters = () => {
    setPurpose(null);
    setRegistrant(null);
    setRegistrantSearch('');
    setFrom('');
    setTo('');
    setActorId(null);
    setAction(null);
    setOutcome(null);
    setPage(1);
  };

  const actionData = [
    { value: ALL, label: t('auditPage.filters.actionAll') },
    ...(Object.keys(AUDIT_ACTION_GROUPS) as AuditActionGroup[]).map((group) => ({
      group: labels.groups[group],
      items: AUDIT_ACTION_GROUPS[group].map((value) => ({ value, label: labels.actions[value] })),
    })),
  ];

  const rows = listing.data?.rows;
  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <PageHeader title={t('auditPage.title')} lead={t(mayCheckChain ? 'auditPage.lead' : 'auditPage.leadManager')} />
        <Group gap="xs" wrap="nowrap">
          {can('audit.export') && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={18} />} loading={exporting.busy} data-testid="audit-export">
                  {t('auditPage.export.button')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('auditPage.export.hint')}</Menu.Label>
                <Menu.Item onClick={() => void download('cp932')}>{t('auditPage.export.cp932')}</Menu.Item>
                <Menu.Item onClick={() => void download('utf8bom')}>{t('auditPage.export.utf8')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          {mayCheckChain && check.button}
        </Group>
      </Group>
      {mayCheckChain && check.answer}
      <ErrorAlert message={listing.error ? errorText(listing.error) : null} />
      <ErrorAlert message={exporting.error} />
      {reauth.dialog}

      <Group gap="xs" align="flex-start" role="search" aria-label={t('auditPage.filters.label')}>
        <TextInput
          type="date"
          label={t('auditPage.filters.from')}
          value={from}
          max={to || undefined}
          onChange={(event) => resetPage(setFrom)(event.currentTarget.value)}
          // A filter is not unsaved work: the idle lock does not warn about it.
          data-mnv-transient
          w={145}
        />
        <TextInput
          type="date"
          label={t('auditPage.filters.to')}
          value={to}
          min={from || undefined}
          onChange={(event) => resetPage(setTo)(event.currentTarget.value)}
          error={rangeInvalid ? t('auditPage.filters.rangeError') : undefined}
          data-mnv-transient
          w={145}
        />
        <Select
          label={t('auditPage.filters.actor')}
          data={[
            { value: ALL, label: t('auditPage.filters.actorAll') },
            ...(actors.data?.rows ?? []).map((a) => ({ value: a.id, label: t('auditPage.filters.actorOption', { loginId: a.loginId, displayName: a.displayName }) })),
          ]}
          value={actorId ?? ALL}
          onChange={resetPage((value: string | null) => setActorId(value === ALL ? null : value))}
          allowDeselect={false}
          data-mnv-transient
          w={200}
        />
        <Select
          label={t('auditPage.filters.action')}
          data={actionData}
          value={action ?? ALL}
          onChange={resetPage((value: string | null) => setAction(value === ALL ? null : value))}
          allowDeselect={false}
          maxDropdownHeight={360}
          data-mnv-transient
          w={230}
        />
        <Select
          label={t('auditPage.filters.registrant')}
          placeholder={t('auditPage.filters.registrantPlaceholder')}
          searchable
          clearable
          searchValue={registrantSearch}
          onSearchChange={setRegistrantSearch}
          data={[
            ...(registrant ? [{ value: registrant.id, label: registrant.label }] : []),
            ...(searching ? (found.data?.rows ?? []) : [])
              .filter((r) => r.id !== registrant?.id)
              .map((r) => ({ value: r.id, label: `${r.familyName} ${r.givenName}${r.employeeCode ? `（${r.employeeCode}）` : ''}` })),
          ]}
          value={registrant?.id ?? null}
          onChange={(value, option) => {
            setRegistrant(value && option ? { id: value, label: option.label } : null);
            setPage(1);
          }}
          filter={({ options }) => options}
          nothingFoundMessage={searching ? t('auditPage.filters.registrantNone') : undefined}
          data-mnv-transient
          w={220}
        />
        <Select
          label={t('auditPage.filters.purpose')}
          data={[
            { value: ALL, label: t('auditPage.filters.purposeAll') },
            { value: 'identity_check', label: t('auditPage.filters.purposeIdentityCheck') },
            ...(purposes.data?.rows ?? []).map((p) => ({ value: p.id, label: p.label })),
          ]}
          value={purpose ?? ALL}
          onChange={resetPage((value: string | null) => setPurpose(value === ALL ? null : value))}
          allowDeselect={false}
          comboboxProps={{ width: 380 }}
          data-mnv-transient
          w={200}
        />
        <Select
          label={t('auditPage.filters.outcome')}
          data={[{ value: ALL, label: t('auditPage.filters.outcomeAll') }, ...AUDIT_OUTCOMES.map((value) => ({ value, label: labels.outcomes[value] }))]}
          value={outcome ?? ALL}
          onChange={resetPage((value: string | null) => setOutcome(value === ALL || value === null ? null : (value as AuditOutcome)))}
          allowDeselect={false}
          data-mnv-transient
          w={120}
        />
        <Button variant="subtle" px="xs" leftSection={<IconFilterOff size={16} />} onClick={resetFilters} disabled={!anyFilter} mt={25}>
          {t('auditPage.filters.reset')}
        </Button>
      </Group>

      <Switch
        label={t('auditPage.filters.showViews')}
        description={t('auditPage.filters.showViewsHint')}
        checked={showViews}
        disabled={action !== null}
        onChange={(event) => resetPage(setShowViews)(event.currentTarget.checked)}
        data-mnv-transient
      />

      <Paper withBorder radius="md" p="md">
        {rows ? (
          rows.length > 0 ? (
            <AuditTable rows={rows} />
          ) : (
            <Stack align="center" gap={4} p="xl" data-testid="audit-empty">
              <Text fz="sm">{t(anyFilter ? 'auditPage.empty' : 'auditPage.emptyNone')}</Text>
            </Stack>
          )
        ) : (
          !listing.error && (
            <Center p="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          )
        )}
      </Paper>

      {listing.data && (
        <ListPager
          total={listing.data.total}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          totalTestId="audit-total"
          // Past the cap the core stops counting: the pages cover the newest entries, a filter narrows the rest.
          totalLabel={listing.data.totalIsLowerBound ? t('auditPage.totalAtLeast', { count: listing.data.total }) : undefined}
        />
      )}
    </Stack>
  );
}
