import { Button, Group, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
  /** Default: adminCommon.cancel. */
  cancelLabel?: string;
  mt?: MantineSpacing;
}

/** The end of a dialog's form: キャンセル, then the submit button (showing progress while busy). */
export function FormActions({ submitLabel, busy, onCancel, cancelLabel, mt }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        {cancelLabel ?? t('adminCommon.cancel')}
      </Button>
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </Group>
  );
}
