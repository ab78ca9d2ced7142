// A new recovery code, shown once (re-issued, or issued with a key rotation): closing needs the
// acknowledgement that it was written down, with the warning of what losing it means.
import { Alert, Button, Checkbox, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function NewRecoveryCodeModal({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  const [acknowledged, setAcknowledged] = useState(false);
  const close = () => {
    setAcknowledged(false);
    onClose();
  };
  return (
    <Modal
      opened={code !== null}
      onClose={() => acknowledged && close()}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      lockScroll={false}
      title={t('settingsPage.recovery.newTitle')}
      size="lg"
      centered
    >
      <Stack gap="md">
        <Text fz="sm">{t('settingsPage.recovery.newLead')}</Text>
        <Paper withBorder p="md" bg="gray.0">
          <Text fz="sm" c="dimmed" ta="center" id={labelId}>
            {t('settingsPage.recovery.newTitle')}
          </Text>
          <Text className="mnv-recovery-code" aria-labelledby={labelId} data-testid="new-recovery-code">
            {code}
          </Text>
        </Paper>
        <Alert role="note" color="orange" variant="light" title={t('settingsPage.recovery.warningTitle')} icon={<IconAlertTriangle size={18} />}>
          {t('settingsPage.recovery.warning')}
        </Alert>
        <Checkbox label={t('settingsPage.recovery.ack')} checked={acknowledged} onChange={(event) => setAcknowledged(event.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button disabled={!acknowledged} onClick={close}>
            {t('settingsPage.recovery.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
