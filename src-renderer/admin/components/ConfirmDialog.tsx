// A small yes/no dialog for consequential actions (disable a user, switch factor, new
// recovery code). The confirm button shows progress while `onConfirm` runs.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  error?: string | null;
  /** Props for when a re-auth dialog may open above this one (useReauth().modalProps). */
  modalProps?: { trapFocus: boolean; closeOnEscape: boolean };
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({ opened, title, children, confirmLabel, color, error = null, modalProps, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} lockScroll={false} centered {...modalProps}>
      <Stack gap="md">
        <Text fz="sm">{children}</Text>
        <ErrorAlert message={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('adminCommon.cancel')}
          </Button>
          <Button color={color} loading={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
