// The 廃棄記録: every disposal, newest first, within a period if one is given; downloadable as
// CSV (the core writes it, and audits the export; the password is re-entered first) and printable, per disposal, as a
// 個人番号削除証明書.
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCertificate, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { useReauth } from '../components/useReauth';
import { call } from '../api';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useDisposalFormat } from './format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function saveBase64(fileName: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function RecordsTab({ onCertificate }: { onCertificate: (batchId: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useDisposalFormat();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period = { ...(DAY.test(from) ? { from } : {}), ...(DAY.test(to) ? { to } : {}) };
  const query = useVaultQuery('disposal.records', period);
  const download = useAction();
  const reauth = useReauth();
  const rows = query.data?.rows ?? [];
  // One certificate per disposal: its button on the first row of each.
  const firstOfBatch = new Set(rows.filter((r, i) => rows.findIndex((x) => x.batchId === r.batchId) === i).map((r) => r.id));

  return (
    <Stack gap="md">
      <Group align="flex-end">
        <TextInput label={t('disposalPage.records.from')} placeholder="2026-01-01" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={160} />
        <TextInput label={t('disposalPage.records.to')} placeholder="2026-12-31" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={160} />
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={download.busy}
          onClick={() =>
            void download.run(async () => {
              const file = await reauth.run(() => call('disposal.exportRecords', period));
              if (file) saveBase64(file.fileName, file.contentBase64);
            })
          }
        >
          {t('disposalPage.records.download')}
        </Button>
      </Group>
      <ErrorAlert message={download.error ?? (query.error ? errorText(query.error) : null)} />
      {query.data && rows.length === 0 ? (
        <Text c="dimmed">{t('disposalPage.records.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
        <Table striped fz="sm" aria-label={t('disposalPage.records.tableLabel')} data-testid="records-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('disposalPage.records.columns.at')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.actor')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.subject')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.code')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.name')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.scope')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.items')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.reason')}</Table.Th>
              <Table.Th>{t('disposalPage.records.columns.backups')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="record-row">
                <Table.Td className="mnv-nowrap">{format.dateTime(r.disposedAt)}</Table.Td>
                <Table.Td>{r.actorLabel}</Table.Td>
                <Table.Td className="mnv-nowrap">{format.subject(r)}</Table.Td>
                <Table.Td className="mnv-nowrap">{r.employeeCode ?? '—'}</Table.Td>
                <Table.Td className="mnv-nowrap">{r.subjectName}</Table.Td>
                <Table.Td className="mnv-nowrap">{r.scope === 'whole_record' ? t('disposalPage.records.scopeWhole') : t('disposalPage.records.scopeNumbers')}</Table.Td>
                <Table.Td>{format.items(r.items)}</Table.Td>
                <Table.Td>{r.reason}</Table.Td>
                <Table.Td>
                  <Text fz="xs">{format.backups(r.backupsHoldUntil)}</Text>
                </Table.Td>
                <Table.Td>
                  {firstOfBatch.has(r.id) && (
                    <Button size="xs" variant="light" leftSection={<IconCertificate size={14} />} onClick={() => onCertificate(r.batchId)}>
                      {t('disposalPage.records.certificate')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      {reauth.dialog}
    </Stack>
  );
}
