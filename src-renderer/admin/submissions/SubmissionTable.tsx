// The review queue's table: whose submission, how it came in, what it holds (never a
// number), who entered it and when, its state. A row (or its 開く button) opens the detail.
import { Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { fullKana, fullName, useRegistrantFormat } from '../registrants/format';
import { SubmissionContents, SubmissionStateBadge } from './SubmissionBadges';

export type SubmissionSummary = ChannelOutput<'submissions.list'>['rows'][number];

interface Props {
  rows: readonly SubmissionSummary[];
  onOpen: (row: SubmissionSummary) => void;
}

export function SubmissionTable({ rows, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" highlightOnHover aria-label={t('reviewPage.tableLabel')} data-testid="submissions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reviewPage.columns.registrant')}</Table.Th>
            <Table.Th>{t('reviewPage.columns.employeeCode')}</Table.Th>
            <Table.Th>{t('reviewPage.columns.source')}</Table.Th>
            <Table.Th>{t('reviewPage.columns.content')}</Table.Th>
            <Table.Th>{t('reviewPage.columns.enteredBy')}</Table.Th>
            <Table.Th>{t('reviewPage.columns.createdAt')}</Table.Th>
            <Table.Th>{t('reviewPage.columns.status')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('adminCommon.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-submission-id={row.id} className="mnv-review-row" onClick={() => onOpen(row)}>
              <Table.Td>
                <Stack gap={0}>
                  <Text fz="sm" fw={500}>
                    {fullName(row.registrant)}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {fullKana(row.registrant)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text ff="monospace" fz="sm" c={row.registrant.employeeCode ? undefined : 'dimmed'}>
                  {row.registrant.employeeCode ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" className="mnv-review-nowrap">
                  {t(`reviewPage.sources.${row.source}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <SubmissionContents hasMyNumber={row.hasMyNumber} dependentCount={row.dependentCount} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{enteredByLabel(row, t('reviewPage.sources.registrant'), t('reviewPage.unknownActor'))}</Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" className="mnv-review-nowrap">
                  {format.dateTime(row.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <SubmissionStateBadge state={row.status} />
              </Table.Td>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  aria-label={t('reviewPage.openOf', { name: fullName(row.registrant) })}
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(row);
                  }}
                >
                  {t('reviewPage.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Who entered it: the login user of a proxy entry; the registrant themself for their own. */
export function enteredByLabel(row: Pick<SubmissionSummary, 'enteredBy' | 'source'>, registrant: string, unknown: string): string {
  return row.enteredBy?.label ?? (row.source === 'registrant' ? registrant : unknown);
}
