// What the audit trail holds about this registrant: the entries whose target is the
// registrant or one of their dependents (audit.query filters by one target at a time, so one
// query each, merged newest first), routine list and record views left out. Labels and
// details read as on the audit page (audit/format.ts). The page itself has the full trail.
import { Stack, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditRow, ChannelInput } from '../../../src-shared/contract';
import { call } from '../api';
import { OutcomeBadge } from '../audit/AuditTable';
import { useAuditFormat } from '../audit/format';
import { ErrorAlert } from '../components/ErrorAlert';
import { vaultQueryKey } from '../data/query';
import { useErrorText } from '../messages';
import { DrawerSection } from './DrawerSection';

/** Entries shown; older ones are left to the audit page. */
export const EXCERPT_SIZE = 12;

interface Props {
  /** The registrant, then each of their dependents. */
  targetIds: string[];
}

function excerptQuery(targetId: string): ChannelInput<'audit.query'> {
  return { filter: { targetId, hideRoutineViews: true }, limit: EXCERPT_SIZE };
}

export function AuditExcerpt({ targetIds }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useAuditFormat();
  const results = useQueries({
    queries: targetIds.map((targetId) => {
      const input = excerptQuery(targetId);
      return { queryKey: vaultQueryKey('audit.query', input), queryFn: () => call('audit.query', input) };
    }),
  });
  const failed = results.find((r) => r.error)?.error ?? null;
  const loaded = results.every((r) => r.data);
  const rows: AuditRow[] = loaded ? results.flatMap((r) => r.data!.rows).sort((a, b) => b.seq - a.seq) : [];
  const total = loaded ? results.reduce((sum, r) => sum + r.data!.total, 0) : 0;
  const shown = rows.slice(0, EXCERPT_SIZE);

  return (
    <DrawerSection icon={IconListDetails} title={t('registrants.auditExcerpt.title')} testId="audit-excerpt">
      <Text fz="xs" c="dimmed" mt={-6}>
        {t('registrants.auditExcerpt.lead')}
      </Text>
      <ErrorAlert message={failed ? errorText(failed) : null} />
      {loaded && shown.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t('registrants.auditExcerpt.empty')}
        </Text>
      )}
      {shown.length > 0 && (
        <Stack gap={0} component="ol" className="mnv-audit-excerpt" aria-label={t('registrants.auditExcerpt.listLabel')}>
          {shown.map((row) => {
            const target = format.target(row);
            // The registrant is the drawer's own: a dependent's entry need not name them again.
            const details = format.details(row).filter((item) => item.key !== 'registrantId');
            return (
              <li key={row.seq} data-action={row.action} data-seq={row.seq}>
                <div className="mnv-audit-excerpt-head">
                  <Text fz="sm" fw={600} span>
                    {format.action(row.action)}
                  </Text>
                  {target && (
                    <Text fz="sm" span c="dimmed" title={target.title}>
                      {target.text}
                    </Text>
                  )}
                  {row.outcome !== 'success' && <OutcomeBadge outcome={row.outcome} />}
                </div>
                <Text fz="xs" c="dimmed">
                  {[format.dateTime(row.at), row.actorLabel ?? t('auditPage.noActor')].join(' · ')}
                </Text>
                {details.length > 0 && (
                  <Text fz="xs" className="mnv-audit-excerpt-detail">
                    {details.map((item) => (item.label === null ? item.value : `${item.label}: ${item.value}`)).join(' / ')}
                  </Text>
                )}
              </li>
            );
          })}
        </Stack>
      )}
      {total > shown.length && (
        <Text fz="xs" c="dimmed">
          {t('registrants.auditExcerpt.more', { count: total - shown.length })}
        </Text>
      )}
    </DrawerSection>
  );
}
