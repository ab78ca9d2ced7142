// Security options: require an authenticator app for everyone, and the idle lock time.
import { Button, Group, NumberInput, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { SettingsSection } from './SettingsSection';

export function SecuritySection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState(false);
  const action = useAction();
  const { setError } = action;
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<{ requireTotpForAll: boolean; idleLockMinutes: number | string }>({
    initialValues: { requireTotpForAll: false, idleLockMinutes: 10 },
    validate: {
      idleLockMinutes: (value) => {
        const n = Number(value);
        return Number.isInteger(n) && n >= 1 && n <= 30 ? null : t('settingsPage.security.idleLockHint');
      },
    },
  });
  const { setValues } = form;

  const load = useCallback(async () => {
    try {
      setValues(await unwrap(window.vault.settings.getSecurity({})));
      setLoaded(true);
    } catch (err) {
      setError(errorMessage(err, t('common.unexpectedError')));
    }
  }, [setValues, setError, t]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the initial fetch
    void load();
  }, [load]);

  const submit = form.onSubmit((values) => {
    setNotice(null);
    return action.run(async () => {
      const input = { requireTotpForAll: values.requireTotpForAll, idleLockMinutes: Number(values.idleLockMinutes) };
      const done = await reauth.run(() => window.vault.settings.setSecurity(input));
      if (done) setNotice(t('settingsPage.security.saved'));
    });
  });

  return (
    <SettingsSection title={t('settingsPage.security.title')} testId="security-settings">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={action.error} />
      {/* Stored values shown, not typed: nothing to lose to the idle lock until edited. */}
      <form onSubmit={submit} noValidate data-mnv-transient={form.isDirty() ? undefined : true}>
        <Stack gap="md">
          <Switch
            label={t('settingsPage.security.requireTotp')}
            description={t('settingsPage.security.requireTotpHint')}
            disabled={!loaded}
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
            disabled={!loaded}
            {...form.getInputProps('idleLockMinutes')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={action.busy} disabled={!loaded}>
              {t('adminCommon.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
