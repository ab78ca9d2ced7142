// The status history (registrants.history), newest first: each move with how it came about
// (by hand, a submission, its review, a number entered by staff, an admin's unlock), who made
// it, when, and the reason given.
import { Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { DrawerSection } from './DrawerSection';
import { useRegistrantFormat } from './format';
import { STATUS_COLORS } from './RegistrantBadges';

type HistoryRow = ChannelOutput<'registrants.history'>['rows'][number];

export function StatusHistory({ rows }: { rows: HistoryRow[] | undefined }) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  const newestFirst = rows ? [...rows].reverse() : [];
  const statusLabel = (s: HistoryRow['to']) => t(`registrants.statuses.${s}`);

  return (
    <DrawerSection icon={IconHistory} title={t('registrants.history.title')} testId="status-history">
      {rows && rows.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t('registrants.history.empty')}
        </Text>
      )}
      {newestFirst.length > 0 && (
        <Timeline bulletSize={14} lineWidth={2} active={newestFirst.length - 1}>
          {newestFirst.map((row, index) => {
            const unlock = row.via === 'unlock';
            return (
              <Timeline.Item
                key={`${row.at}-${index}`}
                color={unlock ? 'orange' : STATUS_COLORS[row.to]}
                title={
                  <Text fz="sm" fw={600} data-testid="history-change">
                    {unlock ? t('registrants.history.unlock') : t('registrants.history.change', { from: statusLabel(row.from), to: statusLabel(row.to) })}
                  </Text>
                }
                data-via={row.via}
                data-to={row.to}
              >
                <Text fz="xs" c="dimmed">
                  {/* An unlock's title says what it was already. */}
                  {[unlock ? null : t(`registrants.history.via.${row.via}`), row.actorLabel ?? t('registrants.history.noActor'), format.dateTime(row.at)].filter(Boolean).join(' · ')}
                </Text>
                {row.reason && (
                  <Text fz="sm" mt={2} className="mnv-prewrap">
                    {t('registrants.history.reason', { reason: row.reason })}
                  </Text>
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </DrawerSection>
  );
}
