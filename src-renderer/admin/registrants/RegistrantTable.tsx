// The registrant list: one row each, sortable by every order the contract offers (フリガナ,
// 従業員番号, ステータス, 入社日, 退職日, 更新日; rows without the value last either way).
// A row opens the detail drawer on click; its 詳細 button does the same from the keyboard.
// With `selection`, each row has a check box and the header one for the page (choosing whom to
// send collection e-mails or print QR sheets for).
import { Button, Checkbox, Group, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import type { REGISTRANT_SORT_KEYS } from '../../../src-shared/domain';
import { fullKana, fullName, useRegistrantFormat } from './format';
import { useGroups } from './lookups';
import { AttributeBadges, MyNumberBadge, RegistrantStatusBadge } from './RegistrantBadges';

export type SortKey = (typeof REGISTRANT_SORT_KEYS)[number];
export interface Sort {
  by: SortKey;
  dir: 'asc' | 'desc';
}

/** Which rows are chosen, by id, and changing that. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  onChange: (ids: readonly string[], selected: boolean) => void;
}

interface Props {
  rows: RegistrantRow[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  onOpen: (row: RegistrantRow) => void;
  selection?: RowSelection;
}

interface SortHeaderProps {
  by: SortKey;
  sort: Sort;
  onSort: Props['onSort'];
  /** What the order follows, when not the column's own title (氏名 sorts by フリガナ). */
  orderLabel?: string;
  children: string;
}

function SortHeader({ by, sort, onSort, orderLabel, children }: SortHeaderProps) {
  const { t } = useTranslation();
  const active = sort.by === by;
  const Icon = !active ? IconArrowsSort : sort.dir === 'asc' ? IconArrowUp : IconArrowDown;
  const next: Sort = { by, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' };
  return (
    <Table.Th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => onSort(next)} title={t('registrants.sortBy', { column: orderLabel ?? children })} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap">
          <span>{children}</span>
          <Icon size={14} stroke={1.8} aria-hidden opacity={active ? 1 : 0.4} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function NameCell({ row }: { row: RegistrantRow }): ReactNode {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" lh={1.3} className="mnv-nowrap">
        {fullKana(row)}
      </Text>
      <Text fz="sm" fw={500} lh={1.4} className="mnv-nowrap">
        {fullName(row)}
      </Text>
    </Stack>
  );
}

function DayCell({ ymd, format }: { ymd: string | null; format: (ymd: string) => string }) {
  return (
    <Text fz="sm" c={ymd ? undefined : 'dimmed'} className="mnv-nowrap">
      {ymd ? format(ymd) : '—'}
    </Text>
  );
}

export function RegistrantTable({ rows, sort, onSort, onOpen, selection }: Props) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  const groups = useGroups();
  const chosenOnPage = selection ? rows.filter((row) => selection.selected.has(row.id)).length : 0;
  return (
    <Table.ScrollContainer minWidth={940}>
      <Table verticalSpacing="xs" highlightOnHover aria-label={t('registrants.tableLabel')} className="mnv-registrant-table">
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={36}>
                <Checkbox
                  aria-label={t('collectionMail.selection.selectPage')}
                  checked={chosenOnPage > 0 && chosenOnPage === rows.length}
                  indeterminate={chosenOnPage > 0 && chosenOnPage < rows.length}
                  onChange={(event) => selection.onChange(rows.map((row) => row.id), event.currentTarget.checked)}
                />
              </Table.Th>
            )}
            <SortHeader by="employeeCode" sort={sort} onSort={onSort}>
              {t('registrants.columns.employeeCode')}
            </SortHeader>
            <SortHeader by="kana" sort={sort} onSort={onSort} orderLabel={t('registrants.columns.kana')}>
              {t('registrants.columns.name')}
            </SortHeader>
            <Table.Th>{t('registrants.columns.group')}</Table.Th>
            <Table.Th>{t('registrants.columns.attributes')}</Table.Th>
            <SortHeader by="status" sort={sort} onSort={onSort}>
              {t('registrants.columns.status')}
            </SortHeader>
            <Table.Th>{t('registrants.columns.myNumber')}</Table.Th>
            <SortHeader by="hireDate" sort={sort} onSort={onSort}>
              {t('registrants.columns.hireDate')}
            </SortHeader>
            <SortHeader by="leaveDate" sort={sort} onSort={onSort}>
              {t('registrants.columns.leaveDate')}
            </SortHeader>
            <SortHeader by="updatedAt" sort={sort} onSort={onSort}>
              {t('registrants.columns.updatedAt')}
            </SortHeader>
            <Table.Th>
              <VisuallyHidden>{t('adminCommon.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-registrant-id={row.id} className="mnv-clickable-row" onClick={() => onOpen(row)}>
              {selection && (
                <Table.Td onClick={(event) => event.stopPropagation()}>
                  <Checkbox
                    aria-label={t('collectionMail.selection.select', { name: fullName(row) })}
                    checked={selection.selected.has(row.id)}
                    onChange={(event) => selection.onChange([row.id], event.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Text ff="monospace" fz="sm" c={row.employeeCode ? undefined : 'dimmed'}>
                  {row.employeeCode ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <NameCell row={row} />
              </Table.Td>
              <Table.Td data-column="group">
                <Text fz="sm" c={row.groupId ? undefined : 'dimmed'}>
                  {groups.nameOf(row.groupId) ?? (row.groupId ? '…' : t('registrants.noGroup'))}
                </Text>
              </Table.Td>
              <Table.Td>
                <AttributeBadges attributes={row.attributes} />
              </Table.Td>
              <Table.Td>
                <RegistrantStatusBadge status={row.status} />
              </Table.Td>
              <Table.Td>
                <MyNumberBadge held={row.hasMyNumber} />
              </Table.Td>
              <Table.Td data-column="hireDate">
                <DayCell ymd={row.hireDate} format={format.shortDay} />
              </Table.Td>
              <Table.Td data-column="leaveDate">
                <DayCell ymd={row.leaveDate} format={format.shortDay} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm" className="mnv-nowrap">
                  {format.date(row.updatedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  aria-label={t('registrants.detailsOf', { name: fullName(row) })}
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(row);
                  }}
                >
                  {t('registrants.details')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
