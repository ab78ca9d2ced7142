// 取扱状況報告 (the administrator's): a month's handling of specific personal information as
// counts — what is held, reveals, image views and exports per purpose and per user, imports,
// disposals, failed logins — and the audit chain's last entry at the month's end. A page made
// for printing (the desktop shell prints it to PDF) and a CSV download of the same counts.
import { Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlingReport } from '../../../src-shared/contract';
import { isAuditAction, isAuditReason } from '../../../src-shared/audit-vocabulary';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { downloadFile } from './download';
import { useAuditLabels } from './labels';
import './handling-report.css';

type Counts = HandlingReport['reveals']['byPurpose'];

/** This month in Japan, as YYYY-MM. */
function currentMonth(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

function japanTime(iso: string): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

function CountTable({ rows, itemLabel, testId }: { rows: { label: string; count: number }[]; itemLabel: string; testId: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text fz="sm" c="dimmed">{t('handlingReport.none')}</Text>;
  return (
    <Table withTableBorder className="mnv-report-table" data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{itemLabel}</Table.Th>
          <Table.Th className="mnv-report-count">{t('handlingReport.countHeader')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r, i) => (
          <Table.Tr key={`${r.label}-${i}`}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td className="mnv-report-count">{t('handlingReport.count', { count: r.count })}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function HandlingReportPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const errorText = useErrorText();
  const [month, setMonth] = useState(currentMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const report = useVaultQuery('audit.report', { month }, { enabled: valid });
  const csv = useVaultMutation('audit.reportCsv', { invalidates: ['audit'] });
  const downloading = useAction();
  const r = report.data;

  const purposeLabel = (rows: Counts) =>
    rows.map((p) => ({ ...p, label: p.key === '' ? t('handlingReport.purposeNone') : p.key === 'identity_check' ? t('auditPage.filters.purposeIdentityCheck') : p.label }));
  const section = (title: string, s: HandlingReport['reveals'], testId: string) => (
    <Stack gap="xs" className="mnv-report-section" data-testid={testId}>
      <Group justify="space-between">
        <Title order={3} fz="md">
          {title}
        </Title>
        <Text fw={600}>{t('handlingReport.total', { count: s.total })}</Text>
      </Group>
      <SimpleGrid cols={2} spacing="md">
        <CountTable rows={purposeLabel(s.byPurpose)} itemLabel={t('handlingReport.purpose')} testId={`${testId}-purpose`} />
        <CountTable rows={s.byUser} itemLabel={t('handlingReport.user')} testId={`${testId}-user`} />
      </SimpleGrid>
    </Stack>
  );

  return (
    <Stack gap="lg" maw={1100} className="mnv-report-page">
      <div className="mnv-report-noprint">
        <PageHeader title={t('handlingReport.title')} lead={t('handlingReport.lead')} />
      </div>
      <Group gap="sm" align="flex-end" className="mnv-report-noprint">
        <TextInput type="month" label={t('handlingReport.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} data-mnv-transient w={180} />
        <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => window.print()} disabled={!r}>
          {t('handlingReport.print')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconDownload size={18} />}
          loading={downloading.busy}
          disabled={!valid}
          onClick={() =>
            void downloading.run(async () => {
              downloadFile(await csv.send({ month, encoding: 'cp932' }));
            })
          }
          data-testid="report-csv"
        >
          {t('handlingReport.csv')}
        </Button>
      </Group>
      <ErrorAlert message={report.error ? errorText(report.error) : downloading.error} />

      {!r ? (
        !report.error && (
          <Center p="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        )
      ) : (
        <Paper withBorder radius="md" p="xl" className="mnv-report" data-testid="handling-report">
          <Stack gap="lg">
            <Stack gap={2}>
              <Title order={2} fz="xl">
                {t('handlingReport.heading', { year: r.month.slice(0, 4), month: r.month.slice(5, 7) })}
              </Title>
              <Text fz="sm">{t('handlingReport.period', { from: japanTime(r.from), to: japanTime(r.to) })}</Text>
              <Text fz="sm" c="dimmed">
                {t('handlingReport.generatedAt', { at: japanTime(r.generatedAt) })}
              </Text>
            </Stack>

            <Stack gap="xs" className="mnv-report-section" data-testid="report-held">
              <Title order={3} fz="md">
                {t('handlingReport.held.title')}
              </Title>
              <Text fz="sm">
                {t('handlingReport.held.registrants')} {r.held.registrants}（{t('handlingReport.held.withNumber')} {r.held.withNumber}）・{t('handlingReport.held.dependents')} {r.held.dependents}（
                {t('handlingReport.held.withNumber')} {r.held.dependentsWithNumber}）
              </Text>
              <SimpleGrid cols={2} spacing="md">
                {(
                  [
                    ['byAttribute', r.held.byAttribute],
                    ['byGroup', r.held.byGroup],
                  ] as const
                ).map(([kind, rows]) => (
                  <Table key={kind} withTableBorder className="mnv-report-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t(`handlingReport.held.${kind}`)}</Table.Th>
                        <Table.Th className="mnv-report-count">{t('handlingReport.held.registrants')}</Table.Th>
                        <Table.Th className="mnv-report-count">{t('handlingReport.held.withNumber')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((row) => (
                        <Table.Tr key={row.key}>
                          <Table.Td>{row.label || t('handlingReport.held.noGroup')}</Table.Td>
                          <Table.Td className="mnv-report-count">{row.registrants}</Table.Td>
                          <Table.Td className="mnv-report-count">{row.withNumber}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ))}
              </SimpleGrid>
            </Stack>

            {section(t('handlingReport.reveals'), r.reveals, 'report-reveals')}
            {section(t('handlingReport.imageViews'), r.imageViews, 'report-image-views')}
            {section(t('handlingReport.exports'), r.exports, 'report-exports')}

            <SimpleGrid cols={3} spacing="md">
              <Stack gap="xs" className="mnv-report-section" data-testid="report-imports">
                <Title order={3} fz="md">
                  {t('handlingReport.imports')}
                </Title>
                <Text fz="sm">{t('handlingReport.importFiles', { files: r.imports.files, rows: r.imports.rows })}</Text>
                <CountTable rows={r.imports.byUser} itemLabel={t('handlingReport.user')} testId="report-imports-user" />
              </Stack>
              <Stack gap="xs" className="mnv-report-section" data-testid="report-disposals">
                <Title order={3} fz="md">
                  {t('handlingReport.disposals')}
                </Title>
                <Text fz="sm">{t('handlingReport.total', { count: r.disposals.total })}</Text>
                <CountTable
                  rows={r.disposals.byAction.map((d) => ({ ...d, label: isAuditAction(d.key) ? labels.actions[d.key] : d.key }))}
                  itemLabel={t('handlingReport.action')}
                  testId="report-disposals-action"
                />
              </Stack>
              <Stack gap="xs" className="mnv-report-section" data-testid="report-failed-logins">
                <Title order={3} fz="md">
                  {t('handlingReport.failedLogins')}
                </Title>
                <Text fz="sm">{t('handlingReport.total', { count: r.failedLogins.total })}</Text>
                <CountTable
                  rows={r.failedLogins.byReason.map((f) => ({ ...f, label: isAuditReason(f.key) ? labels.reasons[f.key] : f.key }))}
                  itemLabel={t('handlingReport.reason')}
                  testId="report-failed-reason"
                />
              </Stack>
            </SimpleGrid>

            <Stack gap={2} className="mnv-report-section" data-testid="report-chain-head">
              <Title order={3} fz="md">
                {t('handlingReport.chainHead')}
              </Title>
              <Text fz="sm" ff="monospace">
                {r.chainHead ? t('handlingReport.chainHeadValue', { seq: r.chainHead.seq, at: japanTime(r.chainHead.at), hash: r.chainHead.hashPrefix }) : t('handlingReport.chainHeadNone')}
              </Text>
            </Stack>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
