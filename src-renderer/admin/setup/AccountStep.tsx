import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../src-shared/domain';
import { unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { createValidators } from '../validation';
import type { Enrolment } from './SetupPage';

export function AccountStep({ onCreated }: { onCreated: (enrolment: Enrolment) => void }) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const action = useAction();
  const form = useForm({
    initialValues: { loginId: '', displayName: '', email: '', password: '', passwordConfirm: '' },
    validate: {
      loginId: v.loginId,
      displayName: v.required,
      email: v.email,
      password: v.newPassword,
      passwordConfirm: (value, values) => (value === values.password ? null : t('validation.passwordMismatch')),
    },
  });

  const submit = form.onSubmit(({ loginId, displayName, email, password }) =>
    action.run(async () => {
      const enrolment = await unwrap(window.vault.setup.createAdmin({ loginId: loginId.trim(), displayName: displayName.trim(), email: email.trim(), password }));
      form.setFieldValue('password', '');
      form.setFieldValue('passwordConfirm', '');
      onCreated(enrolment);
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" mt="md">
        <ErrorAlert message={action.error} />
        <TextInput
          label={t('setup.account.loginId')}
          description={t('setup.account.loginIdHint')}
          autoComplete="username"
          required
          {...form.getInputProps('loginId')}
        />
        <TextInput
          label={t('setup.account.displayName')}
          placeholder={t('setup.account.displayNamePlaceholder')}
          autoComplete="name"
          required
          {...form.getInputProps('displayName')}
        />
        <TextInput label={t('setup.account.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <PasswordInput
          label={t('setup.account.password')}
          description={t('setup.account.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <PasswordInput
          label={t('setup.account.passwordConfirm')}
          autoComplete="new-password"
          required
          {...form.getInputProps('passwordConfirm')}
        />
        <Button type="submit" loading={action.busy} mt="xs">
          {t('setup.account.submit')}
        </Button>
      </Stack>
    </form>
  );
}
