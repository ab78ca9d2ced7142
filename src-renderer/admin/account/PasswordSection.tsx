// Change one's own password: the current one, then a new one with the strength meter.
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { PasswordStrength } from '../components/PasswordStrength';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { sameAsRule, strongPasswordRule } from '../forms/password-rules';
import { useSharedText } from '../messages';
import { useSession } from '../session/session';
import { SettingsSection } from '../settings/SettingsSection';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export function PasswordSection() {
  const { t } = useTranslation();
  const text = useSharedText();
  const { user } = useSession();
  const owner = { loginId: user.loginId, displayName: user.displayName };
  const action = useAction();
  const changePassword = useVaultMutation('account.changePassword');
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: contractResolver<Values>(
      contract['account.changePassword'].input,
      strongPasswordRule<Values>(text, 'newPassword', () => owner),
      sameAsRule<Values>(text, 'newPassword', 'confirm'),
    ),
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    setNotice(null);
    return action.run(
      async () => {
        await changePassword.send({ currentPassword, newPassword });
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
            <PasswordStrength password={form.values.newPassword} owner={owner} fieldError={!!form.errors.newPassword} />
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
