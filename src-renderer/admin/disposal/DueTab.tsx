// The 廃棄予定 list: registrants with a leave or end date, their due date (earliest first) and
// what of theirs is still held; those past it marked. An admin ticks rows and disposes of them.
import { Badge, Button, Checkbox, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { IconTrashX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueRow } from '../../../src-shared/contract';
import type { AttributeCode } from '../../../src-shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { fullName, useRegistrantFormat } from '../registrants/format';
import { useAttributes } from '../registrants/lookups';
import { useSession } from '../session/session';
import { DisposeDialog, type DisposalTarget } from './DisposeDialog';

function Held({ row }: { row: DueRow }) {
  const { t } = useTranslation();
  const parts = [
    row.hasMyNumber ? t('disposalPage.due.heldNumber') : null,
    row.documentCount > 0 ? t('disposalPage.due.heldDocuments', { count: row.documentCount }) : null,
    row.dependentCount > 0 ? t('disposalPage.due.heldDependents', { count: row.dependentCount, numbers: row.dependentNumberCount }) : null,
  ].filter(Boolean);
  return <Text fz="sm">{parts.length > 0 ? parts.join('・') : t('disposalPage.due.heldNothing')}</Text>;
}

export function DueTab({ onDisposed }: { onDisposed: (batchId: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const format = useRegistrantFormat();
  const attributes = useAttributes();
  const [dueOnly, setDueOnly] = useState(true);
  const query = useVaultQuery('disposal.due', { dueOnly });
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<DisposalTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayDispose = can('disposal.dispose');
  const rows = query.data?.rows ?? [];
  const chosen = rows.filter((r) => selected.includes(r.registrantId));
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const allOn = rows.length > 0 && chosen.length === rows.length;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Switch label={t('disposalPage.due.dueOnly')} checked={dueOnly} onChange={(e) => setDueOnly(e.currentTarget.checked)} />
        {mayDispose && (
          <Button color="red" leftSection={<IconTrashX size={16} />} disabled={chosen.length === 0} onClick={() => setTarget({ subjects: chosen.map((r) => ({ registrantId: r.registrantId })), names: chosen.map(fullName) })}>
            {t('disposalPage.due.dispose', { count: chosen.length })}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={query.error ? errorText(query.error) : null} />
      {query.data && rows.length === 0 ? (
        <Text c="dimmed">{dueOnly ? t('disposalPage.due.emptyDueOnly') : t('disposalPage.due.empty')}</Text>
      ) : (
        <Table striped highlightOnHover aria-label={t('disposalPage.due.tableLabel')} data-testid="due-table">
          <Table.Thead>
            <Table.Tr>
              {mayDispose && (
                <Table.Th w={40}>
                  <Checkbox aria-label={t('disposalPage.due.selectAll')} checked={allOn} onChange={(e) => setSelected(e.currentTarget.checked ? rows.map((r) => r.registrantId) : [])} />
                </Table.Th>
              )}
              <Table.Th>{t('disposalPage.due.columns.code')}</Table.Th>
              <Table.Th>{t('disposalPage.due.columns.name')}</Table.Th>
              <Table.Th>{t('disposalPage.due.columns.attributes')}</Table.Th>
              <Table.Th>{t('disposalPage.due.columns.leaveDate')}</Table.Th>
              <Table.Th>{t('disposalPage.due.columns.dueDate')}</Table.Th>
              <Table.Th>{t('disposalPage.due.columns.held')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.registrantId} data-testid="due-row">
                {mayDispose && (
                  <Table.Td>
                    <Checkbox aria-label={t('disposalPage.due.selectRow', { name: fullName(r) })} checked={selected.includes(r.registrantId)} onChange={(e) => toggle(r.registrantId, e.currentTarget.checked)} />
                  </Table.Td>
                )}
                <Table.Td>{r.employeeCode ?? '—'}</Table.Td>
                <Table.Td>{fullName(r)}</Table.Td>
                <Table.Td>{attributes.ordered(r.attributes as AttributeCode[]).map(attributes.labelOf).join('・')}</Table.Td>
                <Table.Td>{format.shortDay(r.leaveDate)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {format.shortDay(r.dueDate)}
                    <Badge color={r.due ? 'red' : 'gray'} variant="light" size="sm">
                      {r.due ? t('disposalPage.due.dueBadge') : t('disposalPage.due.upcoming')}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Held row={r} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fz="xs" c="dimmed">
        {t('disposalPage.due.noLeaveDateHint')}
      </Text>
      <DisposeDialog
        target={target}
        onClose={() => setTarget(null)}
        onDone={(result) => {
          setTarget(null);
          setSelected([]);
          setNotice(t('disposalPage.dialog.done', { count: result.disposed }));
          onDisposed(result.batchId);
        }}
      />
    </Stack>
  );
}
