// The forced password change after a temporary password set by an administrator: the core
// refuses every other call until it is done.
import { Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type UserSummary } from '../../../src-shared/contract';
import { call } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { contractResolver } from '../forms/contract-form';
import { useSharedText } from '../messages';
import { NewPasswordFields, newPasswordRules, type NewPasswordValues } from './NewPasswordFields';

interface Props {
  user: UserSummary;
  onChanged: () => void;
  onLogout: () => void;
}

type Values = NewPasswordValues & { currentPassword: string };

export function ChangePasswordPage({ user, onChanged, onLogout }: Props) {
  const { t } = useTranslation();
  const text = useSharedText();
  const action = useAction();
  const owner = { loginId: user.loginId, displayName: user.displayName };
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', newPasswordConfirm: '' },
    validate: contractResolver<Values>(contract['account.changePassword'].input, ...newPasswordRules<Values>(text, owner)),
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) =>
    action.run(async () => {
      await call('account.changePassword', { currentPassword, newPassword });
      onChanged();
    }),
  );

  return (
    <AuthLayout>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={1} fz="h2">
            {t('changePassword.title')}
          </Title>
          <Text>{t('changePassword.lead')}</Text>
          <ErrorAlert message={action.error} />
          <PasswordInput
            label={t('changePassword.current')}
            autoComplete="current-password"
            required
            autoFocus
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordFields form={form} owner={owner} label={t('changePassword.next')} confirmLabel={t('changePassword.confirm')} />
          <Button type="submit" loading={action.busy} mt="xs">
            {t('changePassword.submit')}
          </Button>
          <Button variant="subtle" color="gray" onClick={onLogout}>
            {t('changePassword.logout')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
