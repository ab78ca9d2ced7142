// What the audit trail holds about this registrant: one audit.query with `registrantId`, which
// the core answers with the entries whose target is the registrant, one of their dependents or
// one of their submissions (proxy entry, approval, return, decline), newest first, routine list
// and record views left out. Labels and details read as on the audit page (audit/format.ts).
// The page itself has the full trail.
import { Stack, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract';
import { OutcomeBadge } from '../audit/AuditTable';
import { useAuditFormat } from '../audit/format';
import { ErrorAlert } from '../components/ErrorAlert';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { DrawerSection } from './DrawerSection';

/** Entries shown; older ones are left to the audit page. */
export const EXCERPT_SIZE = 12;

interface Props {
  registrantId: string;
}

function excerptQuery(registrantId: string): ChannelInput<'audit.query'> {
  return { filter: { registrantId, hideRoutineViews: true }, limit: EXCERPT_SIZE };
}

export function AuditExcerpt({ registrantId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useAuditFormat();
  const excerpt = useVaultQuery('audit.query', excerptQuery(registrantId));
  const shown = excerpt.data?.rows ?? [];
  const total = excerpt.data?.total ?? 0;

  return (
    <DrawerSection icon={IconListDetails} title={t('registrants.auditExcerpt.title')} testId="audit-excerpt">
      <Text fz="xs" c="dimmed" mt={-6}>
        {t('registrants.auditExcerpt.lead')}
      </Text>
      <ErrorAlert message={excerpt.error ? errorText(excerpt.error) : null} />
      {excerpt.data && shown.length === 0 && (
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
