// Security options: require an authenticator app for everyone, and the idle lock time.
import { Button, Center, Group, Loader, NumberInput, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { securitySettings, type SecuritySettings } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { useErrorText } from '../messages';
import { SettingsSection } from './SettingsSection';

type Values = { requireTotpForAll: boolean; idleLockMinutes: number | string };

export function SecuritySection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const security = useVaultQuery('settings.getSecurity', {});
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <SettingsSection title={t('settingsPage.security.title')} testId="security-settings">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={security.error ? errorText(security.error) : null} />
      {security.data ? (
        <SecurityForm
          // Saved and read back: the form starts again from what is stored now.
          key={security.dataUpdatedAt}
          stored={security.data}
          reauth={reauth}
          onSaved={() => setNotice(t('settingsPage.security.saved'))}
          onSubmitting={() => setNotice(null)}
        />
      ) : (
        !security.error && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        )
      )}
    </SettingsSection>
  );
}

interface FormProps {
  stored: SecuritySettings;
  reauth: Reauth;
  onSaved: () => void;
  onSubmitting: () => void;
}

function SecurityForm({ stored, reauth, onSaved, onSubmitting }: FormProps) {
  const { t } = useTranslation();
  const action = useAction();
  const setSecurity = useVaultMutation('settings.setSecurity', { invalidates: ['settings'] });
  const form = useForm<Values>({ initialValues: stored, validate: contractResolver<Values>(securitySettings) });

  const submit = form.onSubmit((values) => {
    onSubmitting();
    return action.run(async () => {
      const input = { requireTotpForAll: values.requireTotpForAll, idleLockMinutes: Number(values.idleLockMinutes) };
      const done = await reauth.run(() => setSecurity.send(input));
      if (done) onSaved();
    });
  });

  return (
    <>
      <ErrorAlert message={action.error} />
      {/* Stored values shown, not typed: nothing to lose to the idle lock until edited. */}
      <form onSubmit={submit} noValidate data-mnv-transient={form.isDirty() ? undefined : true}>
        <Stack gap="md">
          <Switch
            label={t('settingsPage.security.requireTotp')}
            description={t('settingsPage.security.requireTotpHint')}
            {...form.getInputProps('requireTotpForAll', { type: 'checkbox' })}
          />
          <NumberInput
            label={t('settingsPage.security.idleLock')}
            description={t('settingsPage.security.idleLockHint')}
            min={1}
            max={30}
            allowDecimal={false}
            allowNegative={false}
            w={460}
            {...form.getInputProps('idleLockMinutes')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={action.busy}>
              {t('adminCommon.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
