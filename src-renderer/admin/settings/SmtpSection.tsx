// SMTP settings: host, port, TLS mode, authentication, sender. The stored password is never
// shown: blank keeps it, the checkbox clears it. Without TLS a plain warning says what that
// means: login and reset codes would cross the LAN unencrypted.
import { Alert, Button, Center, Checkbox, Group, Loader, NumberInput, PasswordInput, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { smtpSettingsInput, type ChannelOutput, type SmtpSettingsInput } from '../../../src-shared/contract';
import { SMTP_SECURITY } from '../../../src-shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { useErrorText } from '../messages';
import { SettingsSection } from './SettingsSection';
import { SmtpTestMail } from './SmtpTestMail';

type Security = (typeof SMTP_SECURITY)[number];
type SmtpView = NonNullable<ChannelOutput<'settings.getSmtp'>['smtp']>;

const DEFAULT_PORTS: Record<Security, number> = { tls: 465, starttls: 587, none: 25 };

type Values = {
  host: string;
  port: number | string;
  security: Security;
  username: string;
  password: string;
  clearPassword: boolean;
  from: string;
};

function initialValues(stored: SmtpView | null): Values {
  if (!stored) return { host: '', port: 587, security: 'starttls', username: '', password: '', clearPassword: false, from: '' };
  const { hasPassword: _hasPassword, ...rest } = stored;
  return { ...rest, password: '', clearPassword: false };
}

export function SmtpSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const smtp = useVaultQuery('settings.getSmtp', {});
  const [notice, setNotice] = useState<string | null>(null);
  const stored = smtp.data?.smtp;

  return (
    <SettingsSection title={t('settingsPage.smtp.title')} lead={t('settingsPage.smtp.lead')} testId="smtp-settings">
      {stored === null && (
        <Alert role="note" color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('settingsPage.smtp.notConfigured')}
        </Alert>
      )}
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={smtp.error ? errorText(smtp.error) : null} />
      {stored !== undefined ? (
        <SmtpForm
          // Saved and read back: the form starts again from what is stored now.
          key={smtp.dataUpdatedAt}
          stored={stored}
          reauth={reauth}
          onSaved={() => setNotice(t('settingsPage.smtp.saved'))}
          onSubmitting={() => setNotice(null)}
        />
      ) : (
        !smtp.error && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        )
      )}
      {stored && <SmtpTestMail />}
    </SettingsSection>
  );
}

interface FormProps {
  stored: SmtpView | null;
  reauth: Reauth;
  onSaved: () => void;
  onSubmitting: () => void;
}

function SmtpForm({ stored, reauth, onSaved, onSubmitting }: FormProps) {
  const { t } = useTranslation();
  const action = useAction();
  const setSmtp = useVaultMutation('settings.setSmtp', { invalidates: ['settings'] });
  const form = useForm<Values>({ initialValues: initialValues(stored), validate: contractResolver<Values>(smtpSettingsInput) });

  const changeSecurity = (next: string) => {
    const security = next as Security;
    // Follow the usual port of the mode unless the admin typed another one.
    if (Number(form.values.port) === DEFAULT_PORTS[form.values.security]) form.setFieldValue('port', DEFAULT_PORTS[security]);
    form.setFieldValue('security', security);
  };

  const submit = form.onSubmit((values) => {
    onSubmitting();
    const input: SmtpSettingsInput = {
      host: values.host.trim(),
      port: Number(values.port),
      security: values.security,
      username: values.username.trim(),
      from: values.from.trim(),
      ...(values.clearPassword ? { password: '' } : values.password ? { password: values.password } : {}),
    };
    return action.run(async () => {
      const done = await reauth.run(() => setSmtp.send(input));
      if (done) onSaved();
    });
  });

  const hasPassword = stored?.hasPassword ?? false;

  return (
    <>
      <ErrorAlert message={action.error} />
      {/* Stored values shown, not typed: nothing to lose to the idle lock until edited. */}
      <form onSubmit={submit} noValidate data-mnv-transient={form.isDirty() ? undefined : true}>
        <Stack gap="md">
          <Group align="flex-start" gap="md" wrap="nowrap">
            <TextInput
              label={t('settingsPage.smtp.host')}
              placeholder={t('settingsPage.smtp.hostPlaceholder')}
              required
              flex={1}
              {...form.getInputProps('host')}
            />
            <NumberInput
              label={t('settingsPage.smtp.port')}
              min={1}
              max={65535}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              required
              w={120}
              {...form.getInputProps('port')}
            />
          </Group>
          <Radio.Group label={t('settingsPage.smtp.security')} required value={form.values.security} onChange={changeSecurity}>
            <Group gap="lg" mt={6}>
              {SMTP_SECURITY.map((mode) => (
                <Radio key={mode} value={mode} label={t(`settingsPage.smtp.securityOptions.${mode}`)} />
              ))}
            </Group>
          </Radio.Group>
          {form.values.security === 'none' && (
            <Alert
              role="note"
              color="orange"
              variant="light"
              title={t('settingsPage.smtp.noTlsTitle')}
              icon={<IconAlertTriangle size={18} aria-hidden />}
              data-testid="smtp-no-tls-warning"
            >
              {t('settingsPage.smtp.noTlsWarning')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('settingsPage.smtp.username')}
              description={t('settingsPage.smtp.usernameHint')}
              autoComplete="off"
              {...form.getInputProps('username')}
            />
            <PasswordInput
              label={t('settingsPage.smtp.password')}
              description={hasPassword ? t('settingsPage.smtp.passwordKeep') : t('settingsPage.smtp.passwordNone')}
              autoComplete="new-password"
              disabled={form.values.clearPassword}
              {...form.getInputProps('password')}
            />
          </SimpleGrid>
          {hasPassword && <Checkbox label={t('settingsPage.smtp.clearPassword')} {...form.getInputProps('clearPassword', { type: 'checkbox' })} />}
          <TextInput label={t('settingsPage.smtp.from')} type="email" required {...form.getInputProps('from')} />
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
