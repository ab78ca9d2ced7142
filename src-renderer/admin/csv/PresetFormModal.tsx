// Adding or editing a saved export preset: a name, the columns in order (each a field under a
// header of the user's choosing, moved up and down), the date style (西暦/和暦), the encoding
// and the line ending. The core refuses a name used already and a field twice.
import { ActionIcon, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_ENCODINGS, CSV_EXPORT_FIELDS, type CsvDateStyle, type CsvEncoding, type CsvExportField, type CsvLineEnding, type CsvSavedPreset } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';

interface Column {
  field: CsvExportField;
  header: string;
}

interface Props {
  preset: CsvSavedPreset | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}

export function PresetFormModal({ preset, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useVaultMutation('csv.savePreset', { invalidates: ['csv'] });
  const [name, setName] = useState(preset?.name ?? '');
  const [columns, setColumns] = useState<Column[]>(preset?.columns ?? [{ field: 'employeeCode', header: t('csvFields.employeeCode') }]);
  const [dateStyle, setDateStyle] = useState<CsvDateStyle>(preset?.dateStyle ?? 'western');
  const [encoding, setEncoding] = useState<CsvEncoding>(preset?.encoding ?? 'cp932');
  const [lineEnding, setLineEnding] = useState<CsvLineEnding>(preset?.lineEnding ?? 'crlf');
  const [errors, setErrors] = useState<{ name?: string; columns?: string; headers: Record<number, string> }>({ headers: {} });

  const unused = CSV_EXPORT_FIELDS.filter((f) => !columns.some((c) => c.field === f));
  const update = (i: number, change: Partial<Column>) => setColumns(columns.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...columns];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setColumns(next);
  };

  const submit = () => {
    const headers: Record<number, string> = {};
    columns.forEach((c, i) => {
      if (c.header.trim() === '') headers[i] = t('csvPresets.columnHeaderRequired');
    });
    const found = {
      headers,
      ...(name.trim() === '' && { name: t('csvPresets.nameRequired') }),
      ...(columns.length === 0 && { columns: t('csvPresets.columnsRequired') }),
    };
    setErrors(found);
    if (found.name || found.columns || Object.keys(headers).length > 0) return;
    void action.run(async () => {
      await save.send({ ...(preset && { id: preset.id }), name: name.trim(), columns: columns.map((c) => ({ ...c, header: c.header.trim() })), dateStyle, encoding, lineEnding });
      onSaved(name.trim());
    });
  };

  return (
    <Modal opened onClose={onClose} title={t(preset ? 'csvPresets.formTitleEdit' : 'csvPresets.formTitleNew')} size="lg" lockScroll={false} centered>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        data-testid="csv-preset-form"
      >
        <Stack gap="md">
          <ErrorAlert message={action.error} />
          <TextInput label={t('csvPresets.name')} description={t('csvPresets.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={50} required data-autofocus />
          <Stack gap={6}>
            <Text fz="sm" fw={500}>
              {t('csvPresets.columnsTitle')}
            </Text>
            {columns.map((column, i) => (
              <Group key={column.field} gap="xs" align="flex-start" wrap="nowrap" data-testid="csv-preset-column">
                <Text fz="sm" c="dimmed" w={20} mt={8} ta="right">
                  {i + 1}
                </Text>
                <Select
                  aria-label={t('csvPresets.columnField')}
                  data={[column.field, ...unused].map((f) => ({ value: f, label: t(`csvFields.${f}`) }))}
                  value={column.field}
                  onChange={(value) => value && update(i, { field: value as CsvExportField, header: column.header === t(`csvFields.${column.field}`) ? t(`csvFields.${value as CsvExportField}`) : column.header })}
                  allowDeselect={false}
                  w={210}
                />
                <TextInput aria-label={t('csvPresets.columnHeader')} value={column.header} onChange={(e) => update(i, { header: e.currentTarget.value })} error={errors.headers[i]} maxLength={100} flex={1} />
                <ActionIcon variant="subtle" aria-label={t('csvPresets.moveUp')} disabled={i === 0} onClick={() => move(i, -1)} mt={4}>
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" aria-label={t('csvPresets.moveDown')} disabled={i === columns.length - 1} onClick={() => move(i, 1)} mt={4}>
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" color="red" aria-label={t('csvPresets.removeColumn')} onClick={() => setColumns(columns.filter((_, j) => j !== i))} mt={4}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            {errors.columns && (
              <Text fz="sm" c="red">
                {errors.columns}
              </Text>
            )}
            {unused.length > 0 && (
              <Group>
                <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setColumns([...columns, { field: unused[0]!, header: t(`csvFields.${unused[0]!}`) }])}>
                  {t('csvPresets.addColumn')}
                </Button>
              </Group>
            )}
            <Text fz="xs" c="dimmed">
              {t('csvPresets.numbersNote')}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Text fz="sm" fw={500}>
              {t('csvPresets.dateStyle')}
            </Text>
            <SegmentedControl
              data={(['western', 'wareki'] as const).map((v) => ({ value: v, label: t(`csvPresets.dateStyles.${v}`) }))}
              value={dateStyle}
              onChange={(v) => setDateStyle(v as CsvDateStyle)}
            />
          </Stack>
          <Group grow gap="sm">
            <Select label={t('csvExport.encoding')} data={CSV_ENCODINGS.map((e) => ({ value: e, label: t(`csvEncodings.${e}`) }))} value={encoding} onChange={(v) => setEncoding((v as CsvEncoding | null) ?? 'cp932')} allowDeselect={false} />
            <Select
              label={t('csvPresets.lineEnding')}
              data={(['crlf', 'lf'] as const).map((v) => ({ value: v, label: t(`csvPresets.lineEndings.${v}`) }))}
              value={lineEnding}
              onChange={(v) => setLineEnding((v as CsvLineEnding | null) ?? 'crlf')}
              allowDeselect={false}
            />
          </Group>
          <FormActions submitLabel={t('adminCommon.save')} busy={action.busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
