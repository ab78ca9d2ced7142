// The saved layouts on the CSV page: export presets (added, edited, deleted here) and column
// mappings (saved from the import wizard; deleted here). A manager limited to groups sees the
// office's layouts but changes only their own (`editable`, decided by the core).
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvSavedMapping, CsvSavedPreset } from '../../../src-shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { PresetFormModal } from './PresetFormModal';

type Deleting = { kind: 'preset'; row: CsvSavedPreset } | { kind: 'mapping'; row: CsvSavedMapping };

export function SavedLayouts({ onNotice }: { onNotice: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const presets = useVaultQuery('csv.listPresets', {});
  const mappings = useVaultQuery('csv.listMappings', {});
  const deletePreset = useVaultMutation('csv.deletePreset', { invalidates: ['csv'] });
  const deleteMapping = useVaultMutation('csv.deleteMapping', { invalidates: ['csv'] });
  const [editing, setEditing] = useState<CsvSavedPreset | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      if (deleting.kind === 'preset') await deletePreset.send({ id: deleting.row.id });
      else await deleteMapping.send({ id: deleting.row.id });
      onNotice(t(deleting.kind === 'preset' ? 'csvPresets.deleted' : 'csvMappings.deleted', { name: deleting.row.name }));
      setDeleting(null);
    } catch (err) {
      setDeleteError(errorText(err));
    }
  };

  return (
    <>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={2} fz="h4">
                {t('csvPresets.title')}
              </Title>
              <Text fz="sm" c="dimmed">
                {t('csvPresets.lead')}
              </Text>
            </div>
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="csv-preset-add">
              {t('csvPresets.add')}
            </Button>
          </Group>
          <ErrorAlert message={presets.error ? errorText(presets.error) : null} />
          {presets.data?.rows.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {t('csvPresets.empty')}
            </Text>
          ) : (
            <Table aria-label={t('csvPresets.tableLabel')} data-testid="csv-presets">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('csvPresets.name')}</Table.Th>
                  <Table.Th>{t('csvPresets.columnsCount')}</Table.Th>
                  <Table.Th>{t('csvPresets.dateStyle')}</Table.Th>
                  <Table.Th>{t('csvExport.encoding')}</Table.Th>
                  <Table.Th>{t('csvPresets.lineEnding')}</Table.Th>
                  <Table.Th w={160} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {presets.data?.rows.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td fw={500}>{p.name}</Table.Td>
                    <Table.Td fz="sm">{p.columns.map((c) => c.header).join('・')}</Table.Td>
                    <Table.Td fz="sm">{t(`csvPresets.dateStyles.${p.dateStyle}`)}</Table.Td>
                    <Table.Td fz="sm">{t(`csvEncodings.${p.encoding}`)}</Table.Td>
                    <Table.Td fz="sm">{t(`csvPresets.lineEndings.${p.lineEnding}`)}</Table.Td>
                    <Table.Td>
                      {p.editable && (
                        <Group gap={4} justify="flex-end">
                          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(p)}>
                            {t('csvPresets.edit')}
                          </Button>
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting({ kind: 'preset', row: p })}>
                            {t('csvPresets.delete')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Title order={2} fz="h4">
            {t('csvMappings.title')}
          </Title>
          <ErrorAlert message={mappings.error ? errorText(mappings.error) : null} />
          {mappings.data?.rows.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {t('csvMappings.empty')}
            </Text>
          ) : (
            <Table aria-label={t('csvMappings.tableLabel')} data-testid="csv-mappings">
              <Table.Tbody>
                {mappings.data?.rows.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td fw={500}>{m.name}</Table.Td>
                    <Table.Td fz="sm" c="dimmed">
                      {t('csvMappings.columnsCount', { count: Object.keys(m.columns).length })}
                    </Table.Td>
                    <Table.Td w={100} ta="right">
                      {m.editable && (
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting({ kind: 'mapping', row: m })}>
                          {t('csvPresets.delete')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>

      {editing && (
        <PresetFormModal
          preset={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            onNotice(t('csvPresets.saved', { name }));
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t(deleting?.kind === 'mapping' ? 'csvMappings.deleteTitle' : 'csvPresets.deleteTitle')}
        confirmLabel={t('csvPresets.delete')}
        color="red"
        error={deleteError}
        onConfirm={confirmDelete}
        onClose={() => {
          setDeleting(null);
          setDeleteError(null);
        }}
      >
        {deleting && t(deleting.kind === 'mapping' ? 'csvMappings.deleteLead' : 'csvPresets.deleteLead', { name: deleting.row.name })}
      </ConfirmDialog>
    </>
  );
}
