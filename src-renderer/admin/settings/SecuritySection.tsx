// Security options: require an authenticator app for everyone, and the idle lock time.
import { Button, Group, NumberInput, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { securitySettings, type SecuritySettings } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { StoredSettingsSection } from './StoredSettingsSection';

type Values = { requireTotpForAll: boolean; idleLockMinutes: number | string };

export function SecuritySection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const security = useVaultQuery('settings.getSecurity', {});
  return (
    <StoredSettingsSection title={t('settingsPage.security.title')} testId="security-settings" stored={security} savedText={t('settingsPage.security.saved')}>
      {(stored, handlers) => <SecurityForm stored={stored} reauth={reauth} {...handlers} />}
    </StoredSettingsSection>
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
