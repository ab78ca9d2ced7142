// One new dependent in the proxy-entry form: relationship, names and readings (hiragana
// shown back in katakana on leaving the field), birth date, 税扶養 and 第3号被保険者 (a
// spouse's only), and an optional My Number.
import { ActionIcon, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIPS, type Relationship } from '../../../src-shared/contract';
import { toKatakana } from '../../../src-shared/text';
import { DateField } from '../components/DateField';
import { MyNumberField } from './MyNumberField';
import type { ProxyValues } from './proxy-entry';

interface Props {
  form: UseFormReturnType<ProxyValues>;
  index: number;
}

export function AddedDependentFields({ form, index }: Props) {
  const { t } = useTranslation();
  const path = `added.${index}` as const;
  const entry = form.values.added[index]!;
  const spouse = entry.relationship === 'spouse';
  const n = index + 1;

  const textProps = (field: 'familyName' | 'givenName') => form.getInputProps(`${path}.${field}`);
  const kanaProps = (field: 'familyNameKana' | 'givenNameKana') => {
    const props = form.getInputProps(`${path}.${field}`);
    return {
      ...props,
      onBlur: () => {
        const typed = form.getValues().added[index]![field];
        const converted = toKatakana(typed);
        if (converted !== typed) form.setFieldValue(`${path}.${field}`, converted);
        props.onBlur?.();
      },
    };
  };

  return (
    <Paper withBorder radius="sm" p="sm" data-testid="proxy-added-dependent" role="group" aria-label={t('proxyEntry.added.item', { n })}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fz="sm" fw={500}>
            {t('proxyEntry.added.item', { n })}
          </Text>
          <ActionIcon variant="subtle" color="gray" aria-label={t('proxyEntry.added.removeOf', { n })} onClick={() => form.removeListItem('added', index)}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
        <Select
          label={t('proxyEntry.added.relationship')}
          placeholder={t('proxyEntry.added.relationshipPlaceholder')}
          data={RELATIONSHIPS.map((value) => ({ value, label: t(`proxyEntry.relationships.${value}`) }))}
          value={entry.relationship}
          onChange={(value) => {
            form.setFieldValue(`${path}.relationship`, value as Relationship | null);
            // 第3号被保険者 belongs to a spouse only.
            if (value !== 'spouse') form.setFieldValue(`${path}.category3`, false);
          }}
          error={form.errors[`${path}.relationship`]}
          allowDeselect={false}
          required
          w={200}
          comboboxProps={{ withinPortal: true, zIndex: 1000 }}
        />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
          <TextInput label={t('proxyEntry.added.familyName')} autoComplete="off" required {...textProps('familyName')} />
          <TextInput label={t('proxyEntry.added.givenName')} autoComplete="off" required {...textProps('givenName')} />
          <TextInput label={t('proxyEntry.added.familyNameKana')} autoComplete="off" required {...kanaProps('familyNameKana')} />
          <TextInput label={t('proxyEntry.added.givenNameKana')} autoComplete="off" required {...kanaProps('givenNameKana')} />
        </SimpleGrid>
        <Text fz="xs" c="dimmed" mt={-6}>
          {t('proxyEntry.added.kanaHint')}
        </Text>
        <SimpleGrid cols={2} spacing="sm">
          <DateField
            label={t('proxyEntry.added.birthDate')}
            description={t('proxyEntry.added.birthDateHint')}
            value={entry.birthDate}
            onChange={(value) => form.setFieldValue(`${path}.birthDate`, value)}
            error={form.errors[`${path}.birthDate`]}
            popoverProps={{ withinPortal: true, zIndex: 1000 }}
          />
          <MyNumberField
            label={t('proxyEntry.added.myNumber')}
            description={t('proxyEntry.added.myNumberHint')}
            value={entry.myNumber}
            onChange={(value) => form.setFieldValue(`${path}.myNumber`, value)}
            error={form.errors[`${path}.myNumber`]}
          />
        </SimpleGrid>
        <Group gap="xl">
          <Checkbox
            label={t('proxyEntry.added.taxDependent')}
            description={t('proxyEntry.added.taxDependentHint')}
            {...form.getInputProps(`${path}.taxDependent`, { type: 'checkbox' })}
          />
          <Checkbox
            label={t('proxyEntry.added.category3')}
            description={t('proxyEntry.added.category3Hint')}
            disabled={!spouse}
            {...form.getInputProps(`${path}.category3`, { type: 'checkbox' })}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
