// Change one's own password: the current one, then a new one with the strength meter.
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../src-shared/contract';
import { unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { PasswordStrength } from '../components/PasswordStrength';
import { useAction } from '../components/useAction';
import { SettingsSection } from '../settings/SettingsSection';
import { createValidators } from '../validation';

export function PasswordSection({ user }: { user: UserSummary | null }) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: v.required,
      newPassword: v.newPassword,
      confirm: (value, values) => (value === values.newPassword ? null : t('validation.passwordMismatch')),
    },
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    setNotice(null);
    return action.run(
      async () => {
        await unwrap(window.vault.account.changePassword({ currentPassword, newPassword }));
        form.reset();
        setNotice(t('accountPage.password.done'));
      },
      { onError: () => form.setFieldValue('currentPassword', '') },
    );
  });

  return (
    <SettingsSection title={t('accountPage.password.title')} testId="account-password">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={action.error} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          <PasswordInput label={t('accountPage.password.current')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <Stack gap={6}>
            <PasswordInput
              label={t('accountPage.password.next')}
              description={t('accountPage.password.nextHint')}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <PasswordStrength password={form.values.newPassword} owner={user ? { loginId: user.loginId, displayName: user.displayName } : undefined} />
          </Stack>
          <PasswordInput label={t('accountPage.password.confirm')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Group>
            <Button type="submit" loading={action.busy}>
              {t('accountPage.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
