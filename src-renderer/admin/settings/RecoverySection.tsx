// 「回復コードを再発行」: after a confirmation and the password, shows the new code once,
// with the warning that the old one stops working and what losing both means.
import { Button, Group } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { NewRecoveryCodeModal } from './NewRecoveryCodeModal';
import { SettingsSection } from './SettingsSection';

export function RecoverySection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  // The confirm dialog shows its own progress: only the error is used.
  const action = useAction();
  const regenerateCode = useVaultMutation('settings.regenerateRecoveryCode');
  const [code, setCode] = useState<string | null>(null);

  const regenerate = async () => {
    await action.run(async () => {
      // The code is kept in this component's state only, until the dialog closes.
      const result = await reauth.run(() => regenerateCode.send({}));
      if (!result) return;
      setConfirming(false);
      setCode(result.recoveryCode);
    });
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
      <NewRecoveryCodeModal code={code} onClose={() => setCode(null)} />
    </SettingsSection>
  );
}
