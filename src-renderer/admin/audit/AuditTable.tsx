// The audit rows, newest first: No., 日時, 操作者, 操作, 対象, 結果, 詳細. Compact: one line
// per cell except the detail, which lists its facts one to a line.
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../src-shared/contract';
import { useAuditFormat, type DetailItem } from './format';
import { useAuditLabels } from './labels';

const OUTCOME_COLORS = { success: 'green', failure: 'orange', denied: 'red' } as const;

export function OutcomeBadge({ outcome }: { outcome: AuditRow['outcome'] }) {
  const labels = useAuditLabels();
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant="light" tt="none" fw={500} data-outcome={outcome}>
      {labels.outcomes[outcome]}
    </Badge>
  );
}

function DetailCell({ items }: { items: DetailItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="mnv-audit-detail">
      {items.map((item) => (
        <li key={item.key} data-detail={item.key}>
          {item.label !== null && <span className="mnv-audit-detail-label">{item.label}: </span>}
          {item.value}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const { t } = useTranslation();
  const format = useAuditFormat();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing={6} fz="sm" className="mnv-audit-table" aria-label={t('auditPage.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('auditPage.columns.seq')}</Table.Th>
            <Table.Th>{t('auditPage.columns.at')}</Table.Th>
            <Table.Th>{t('auditPage.columns.actor')}</Table.Th>
            <Table.Th>{t('auditPage.columns.action')}</Table.Th>
            <Table.Th>{t('auditPage.columns.target')}</Table.Th>
            <Table.Th>{t('auditPage.columns.outcome')}</Table.Th>
            <Table.Th>{t('auditPage.columns.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const target = format.target(row);
            return (
              <Table.Tr key={row.seq} data-seq={row.seq} data-action={row.action}>
                <Table.Td className="mnv-audit-seq">
                  <Text span fz="xs" c="dimmed">
                    {row.seq}
                  </Text>
                </Table.Td>
                <Table.Td className="mnv-audit-time">{format.dateTime(row.at)}</Table.Td>
                <Table.Td className="mnv-audit-nowrap">
                  {row.actorLabel ?? (
                    <Text span fz="sm" c="dimmed" title={t('auditPage.noActor')}>
                      {t('auditPage.none')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{format.action(row.action)}</Table.Td>
                <Table.Td>
                  {target ? (
                    <span title={target.title}>{target.text}</span>
                  ) : (
                    <Text span fz="sm" c="dimmed">
                      {t('auditPage.none')}
                    </Text>
                  )}
                </Table.Td>
                {/* The badge keeps its width when a long detail crowds the row. */}
                <Table.Td className="mnv-audit-nowrap">
                  <OutcomeBadge outcome={row.outcome} />
                </Table.Td>
                <Table.Td>
                  <DetailCell items={format.details(row)} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
