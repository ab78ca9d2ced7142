// 「回復コードを再発行」: after a confirmation and the password, shows the new code once,
// with the warning that the old one stops working and what losing both means.
import { Alert, Button, Checkbox, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { SettingsSection } from './SettingsSection';

export function RecoverySection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const labelId = useId();
  const [confirming, setConfirming] = useState(false);
  // The confirm dialog shows its own progress: only the error is used.
  const action = useAction();
  const regenerateCode = useVaultMutation('settings.regenerateRecoveryCode');
  const [code, setCode] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);

  const regenerate = async () => {
    await action.run(async () => {
      // The code is kept in this component's state only, until the dialog closes.
      const result = await reauth.run(() => regenerateCode.send({}));
      if (!result) return;
      setConfirming(false);
      setAcknowledged(false);
      setCode(result.recoveryCode);
    });
  };

  const closeCode = () => {
    setCode(null);
    setAcknowledged(false);
  };

  return (
    <SettingsSection title={t('settingsPage.recovery.title')} lead={t('settingsPage.recovery.lead')} testId="recovery-settings">
      <Group>
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setConfirming(true)}>
          {t('settingsPage.recovery.regenerate')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('settingsPage.recovery.confirmTitle')}
        confirmLabel={t('settingsPage.recovery.confirm')}
        color="orange"
        error={action.error}
        modalProps={reauth.modalProps}
        onConfirm={regenerate}
        onClose={() => {
          setConfirming(false);
          action.setError(null);
        }}
      >
        {t('settingsPage.recovery.confirmBody')}
      </ConfirmDialog>
      <Modal
        opened={code !== null}
        onClose={() => acknowledged && closeCode()}
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
            <Button disabled={!acknowledged} onClick={closeCode}>
              {t('settingsPage.recovery.done')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SettingsSection>
  );
}
