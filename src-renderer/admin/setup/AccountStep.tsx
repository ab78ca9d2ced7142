// The first administrator's account: checked against the contract (setup.createAdmin) and
// the core's password rule as it is typed.
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { PASSWORD_MIN_LENGTH } from '../../../src-shared/domain';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordStrength } from '../components/PasswordStrength';
import { useAction } from '../components/useAction';
import { contractResolver } from '../forms/contract-form';
import { sameAsRule, strongPasswordRule } from '../forms/password-rules';
import { useSharedText } from '../messages';
import type { Enrolment } from './SetupPage';

type Values = { loginId: string; displayName: string; email: string; password: string; passwordConfirm: string };

const owner = ({ loginId, displayName, email }: Values) => ({ loginId, displayName, email });

export function AccountStep({ onCreated }: { onCreated: (enrolment: Enrolment) => void }) {
  const { t } = useTranslation();
  const text = useSharedText();
  const action = useAction();
  const form = useForm<Values>({
    initialValues: { loginId: '', displayName: '', email: '', password: '', passwordConfirm: '' },
    validate: contractResolver<Values>(
      contract['setup.createAdmin'].input,
      strongPasswordRule<Values>(text, 'password', owner),
      sameAsRule<Values>(text, 'password', 'passwordConfirm'),
    ),
  });

  const submit = form.onSubmit(({ loginId, displayName, email, password }) =>
    action.run(async () => {
      const enrolment = await call('setup.createAdmin', { loginId: loginId.trim(), displayName: displayName.trim(), email: email.trim(), password });
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
        <Stack gap={6}>
          <PasswordInput
            label={t('setup.account.password')}
            description={t('setup.account.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordStrength password={form.values.password} owner={owner(form.values)} fieldError={!!form.errors.password} />
        </Stack>
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
