// "まもなくロックします": shown a minute before the idle lock, saying so when the screen
// holds unsaved input, so nothing is lost without warning.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  unsavedInput: boolean;
  onContinue: () => void;
  onLockNow: () => void;
}

export function IdleWarning({ opened, unsavedInput, onContinue, onLockNow }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onContinue}
      title={t('lock.warningTitle')}
      lockScroll={false}
      centered
      withCloseButton={false}
      closeOnClickOutside={false}
      data-testid="idle-warning"
    >
      <Stack gap="md">
        <Text>{t('lock.warningBody')}</Text>
        {unsavedInput && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {t('lock.warningUnsaved')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onLockNow}>
            {t('lock.lockNow')}
          </Button>
          <Button onClick={onContinue} data-autofocus>
            {t('lock.continue')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
