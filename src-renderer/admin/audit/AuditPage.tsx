// 監査ログ (admins and managers): every operation recorded by the core, newest first, 50 a
// page, filtered by period, user, operation and result. Admins can also check the hash chain
// for tampering (改ざんチェック). Each look at this page is itself recorded by the core.
import { Alert, Button, Center, Group, Loader, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconFilterOff, IconShieldCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow, ChannelInput, ChannelOutput, UserSummary } from '../../../src-shared/contract';
import { errorMessage, unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ListPager } from '../components/ListPager';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useAction } from '../components/useAction';
import { ACTION_GROUPS, type ActionGroup } from './actions';
import { AuditTable } from './AuditTable';
import { useAuditFormat } from './format';
import './audit.css';

export const PAGE_SIZE = 50;
/** The filter option that filters nothing. */
const ALL = '*';
const OUTCOMES = ['success', 'failure', 'denied'] as const;
type Outcome = (typeof OUTCOMES)[number];
type Filter = NonNullable<ChannelInput<'audit.query'>['filter']>;

interface Listing {
  rows: AuditRow[];
  total: number;
  filtered: boolean;
}

/** A YYYY-MM-DD day's first or last instant in local time, as the core's ISO datetime. */
function dayBound(ymd: string, end: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = end ? new Date(y, mo, d, 23, 59, 59, 999) : new Date(y, mo, d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditPage({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const format = useAuditFormat();
  const isAdmin = user.role === 'admin';

  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actorId, setActorId] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Opening lists and records is recorded too; by default those entries stay out of the way.
  const [showViews, setShowViews] = useState(false);
  const [page, setPage] = useState(1);

  const [actors, setActors] = useState<UserSummary[]>([]);
  const [listing, setListing] = useState<Listing | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const verify = useAction();
  const [verified, setVerified] = useState<ChannelOutput<'audit.verify'> | null>(null);
  // Only the latest request may fill the table: earlier answers can arrive after it.
  const latest = useRef(0);

  const rangeInvalid = from !== '' && to !== '' && from > to;

  const load = useCallback(async () => {
    if (rangeInvalid) return;
    const request = ++latest.current;
    const filter: Filter = {};
    const fromIso = dayBound(from, false);
    const toIso = dayBound(to, true);
    if (fromIso) filter.from = fromIso;
    if (toIso) filter.to = toIso;
    if (actorId) filter.actorId = actorId;
    if (action) filter.action = action;
    if (outcome) filter.outcome = outcome;
    // A chosen operation is shown whatever it is, views included.
    const hideRoutineViews = !showViews && !action;
    try {
      const { rows, total } = await unwrap(
        window.vault.audit.query({ filter: { ...filter, hideRoutineViews }, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      );
      if (request !== latest.current) return;
      setListing({ rows, total, filtered: Object.keys(filter).length > 0 });
      setLoadError(null);
    } catch (err) {
      if (request !== latest.current) return;
      setLoadError(errorMessage(err, t('common.unexpectedError')));
    }
  }, [rangeInvalid, from, to, actorId, action, outcome, showViews, page, t]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetch on every change of the query
    void load();
  }, [load]);

  useEffect(() => {
    let live = true;
    window.vault.audit
      .actors({})
      .then((result) => {
        if (live && result.ok) setActors(result.value.rows);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  // A new query starts again from the first page.
  const resetPage =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const anyFilter = from !== '' || to !== '' || actorId !== null || action !== null || outcome !== null;
  const resetFilters = () => {
    setFrom('');
    setTo('');
    setActorId(null);
    setAction(null);
    setOutcome(null);
    setPage(1);
  };

  const runVerify = async () => {
    setVerified(null);
    const result = await verify.run(() => unwrap(window.vault.audit.verify({})));
    if (result) {
      setVerified(result);
      // The check is itself recorded: show it.
      void load();
    }
  };


  const actionData = [
    { value: ALL, label: t('auditPage.filters.actionAll') },
    ...(Object.keys(ACTION_GROUPS) as ActionGroup[]).map((group) => ({
      group: t(`auditPage.groups.${group}`),
      items: ACTION_GROUPS[group].map((value) => ({ value, label: format.action(value) })),
    })),
  ];

  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <PageHeader title={t('auditPage.title')} lead={t(isAdmin ? 'auditPage.lead' : 'auditPage.leadManager')} />
        {isAdmin && (
          <Button
            variant="default"
            leftSection={<IconShieldCheck size={18} />}
            loading={verify.busy}
            onClick={() => void runVerify()}
            title={t('auditPage.verify.hint')}
            className="mnv-audit-verify"
          >
            {t('auditPage.verify.button')}
          </Button>
        )}
      </Group>
      <ErrorAlert message={verify.error} />
      {verified?.ok && (
        <Notice message={t('auditPage.verify.ok', { count: verified.checked })} onClose={() => setVerified(null)} />
      )}
      {verified && !verified.ok && (
        <Alert
          role="alert"
          color="red"
          variant="light"
          title={t('auditPage.verify.badTitle')}
          icon={<IconAlertTriangle size={18} aria-hidden />}
          data-testid="verify-failed"
        >
          {t('auditPage.verify.bad', { seq: verified.firstBadSeq ?? verified.checked + 1, count: verified.checked })}
        </Alert>
      )}
      <ErrorAlert message={loadError} />

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
            ...actors.map((a) => ({ value: a.id, label: t('auditPage.filters.actorOption', { loginId: a.loginId, displayName: a.displayName }) })),
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
          label={t('auditPage.filters.outcome')}
          data={[
            { value: ALL, label: t('auditPage.filters.outcomeAll') },
            ...OUTCOMES.map((value) => ({ value, label: t(`auditPage.outcomes.${value}`) })),
          ]}
          value={outcome ?? ALL}
          onChange={resetPage((value: string | null) => setOutcome(value === ALL || value === null ? null : (value as Outcome)))}
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
        {listing ? (
          listing.rows.length > 0 ? (
            <AuditTable rows={listing.rows} />
          ) : (
            <Stack align="center" gap={4} p="xl" data-testid="audit-empty">
              <Text fz="sm">{t(listing.filtered ? 'auditPage.empty' : 'auditPage.emptyNone')}</Text>
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

      {listing && <ListPager total={listing.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} totalTestId="audit-total" />}
    </Stack>
  );
}
