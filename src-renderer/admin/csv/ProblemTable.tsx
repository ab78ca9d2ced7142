// Every problem of a previewed file, by row and column, a page of PAGE_SIZE at a time and
// filterable by column, so a file with a thousand problems stays readable.
import { Group, Pagination, Select, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvProblem } from '../../../src-shared/contract';
import { tryFormatMessage } from '../../../src-shared/messages';
import { messageLanguage } from '../messages';

export const PAGE_SIZE = 50;
const ALL = '*';
const WHOLE_ROW = '-';

export function ProblemTable({ problems }: { problems: readonly CsvProblem[] }) {
  const { t, i18n } = useTranslation();
  const language = messageLanguage(i18n.resolvedLanguage);
  const [column, setColumn] = useState<string>(ALL);
  const [page, setPage] = useState(1);
  const columns = useMemo(() => [...new Set(problems.map((p) => p.column ?? WHOLE_ROW))], [problems]);
  const shown = column === ALL ? problems : problems.filter((p) => (p.column ?? WHOLE_ROW) === column);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const slice = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <>
      {columns.length > 1 && (
        <Select
          label={t('csvImport.preview.filter')}
          data={[{ value: ALL, label: t('csvImport.preview.filterAll') }, ...columns.map((c) => ({ value: c, label: c === WHOLE_ROW ? t('csvImport.preview.wholeRow') : c }))]}
          value={column}
          onChange={(value) => {
            setColumn(value ?? ALL);
            setPage(1);
          }}
          allowDeselect={false}
          w={240}
        />
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table striped withTableBorder aria-label={t('csvImport.preview.tableLabel')} data-testid="csv-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={72}>{t('csvImport.preview.row')}</Table.Th>
              <Table.Th w={180}>{t('csvImport.preview.column')}</Table.Th>
              <Table.Th>{t('csvImport.preview.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {slice.map((p, i) => (
              <Table.Tr key={`${p.row}-${p.column ?? ''}-${i}`} data-testid="csv-problem">
                <Table.Td ff="monospace">{p.row}</Table.Td>
                <Table.Td>{p.column ?? <Text span c="dimmed" fz="sm">{t('csvImport.preview.wholeRow')}</Text>}</Table.Td>
                <Table.Td>{tryFormatMessage(language, p.messageKey, p.params) ?? p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={current} onChange={setPage} size="sm" />
        </Group>
      )}
    </>
  );
}
