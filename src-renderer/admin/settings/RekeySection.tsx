// 「鍵の更新」: records a rotation of the database, field and blind-index keys (vault.rekey),
// keeping the current recovery code (typed again) or issuing a new one (shown once). The
// rotation itself runs when the vault next opens, with nothing else reading it.
import { Alert, Button, Group, PasswordInput, Radio, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { NewRecoveryCodeModal } from './NewRecoveryCodeModal';
import { SettingsSection } from './SettingsSection';

type Mode = 'keep' | 'issueNew';

export function RekeySection({ reauth }: { reauth: Reauth }) {
  const { t, i18n } = useTranslation();
  const status = useVaultQuery('vault.rekeyStatus', {});
  const rekey = useVaultMutation('vault.rekey', { invalidates: ['vault'] });
  const action = useAction();
  const [mode, setMode] = useState<Mode>('keep');
  const [currentCode, setCurrentCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const missingCode = mode === 'keep' && currentCode.trim() === '';

  const start = () =>
    action.run(async () => {
      const recovery = mode === 'keep' ? { mode, recoveryCode: currentCode } : { mode };
      const result = await reauth.run(() => rekey.send({ recovery }));
      if (!result) return;
      setConfirming(false);
      setCurrentCode('');
      setCode(result.recoveryCode);
    });

  const pendingSince = status.data?.startedAt ? new Date(status.data.startedAt).toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP') : null;

  return (
    <SettingsSection title={t('settingsPage.rekey.title')} lead={t('settingsPage.rekey.lead')} testId="rekey-settings">
      <Stack gap="sm">
        {status.data?.pending ? (
          <Alert role="status" color="blue" variant="light" title={t('settingsPage.rekey.pendingTitle')} data-testid="rekey-pending">
            {t('settingsPage.rekey.pending', { at: pendingSince })}
          </Alert>
        ) : (
          <>
            <Text fz="sm">{t('settingsPage.rekey.when')}</Text>
            <Text fz="sm" c="dimmed">
              {t('settingsPage.rekey.effects')}
            </Text>
            <Radio.Group label={t('settingsPage.rekey.recoveryLabel')} value={mode} onChange={(value) => setMode(value as Mode)}>
              <Stack gap={6} mt={6}>
                <Radio value="keep" label={t('settingsPage.rekey.keep')} />
                <Radio value="issueNew" label={t('settingsPage.rekey.issueNew')} />
              </Stack>
            </Radio.Group>
            {mode === 'keep' && (
              <PasswordInput
                label={t('settingsPage.rekey.currentCode')}
                description={t('settingsPage.rekey.currentCodeHint')}
                value={currentCode}
                onChange={(event) => setCurrentCode(event.currentTarget.value)}
                autoComplete="off"
                maw={420}
              />
            )}
            <ErrorAlert message={confirming ? null : action.error} />
            <Group>
              <Button variant="default" leftSection={<IconKey size={16} />} disabled={missingCode} onClick={() => setConfirming(true)}>
                {t('settingsPage.rekey.start')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('settingsPage.rekey.confirmTitle')}
        confirmLabel={t('settingsPage.rekey.confirm')}
        color="orange"
        error={action.error}
        modalProps={reauth.modalProps}
        onConfirm={start}
        onClose={() => {
          setConfirming(false);
          action.setError(null);
        }}
      >
        {mode === 'issueNew' ? t('settingsPage.rekey.confirmBodyNewCode') : t('settingsPage.rekey.confirmBody')}
      </ConfirmDialog>
      <NewRecoveryCodeModal code={code} onClose={() => setCode(null)} />
    </SettingsSection>
  );
}
