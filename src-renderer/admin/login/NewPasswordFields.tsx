// "New password" and its confirmation, with the strength meter under the first.
import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { assessPassword, type PasswordOwner } from '../../../src-shared/password-policy';
import { PasswordStrength } from '../components/PasswordStrength';

export interface NewPasswordValues {
  newPassword: string;
  newPasswordConfirm: string;
}

/** Validators for the two fields: the core's rule for the first, equality for the second. */
export function newPasswordRules(t: TFunction, owner: () => PasswordOwner) {
  return {
    newPassword: (value: string) => {
      const { problem } = assessPassword(value, owner());
      return problem ? t(`password.problems.${problem}`) : null;
    },
    newPasswordConfirm: (value: string, values: NewPasswordValues) => (value === values.newPassword ? null : t('validation.passwordMismatch')),
  };
}

interface Props<V extends NewPasswordValues> {
  form: UseFormReturnType<V>;
  owner: PasswordOwner;
  label: string;
  confirmLabel: string;
}

export function NewPasswordFields<V extends NewPasswordValues>({ form, owner, label, confirmLabel }: Props<V>) {
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <PasswordInput label={label} autoComplete="new-password" required {...form.getInputProps('newPassword')} />
        <PasswordStrength password={form.getValues().newPassword} owner={owner} />
      </Stack>
      <PasswordInput label={confirmLabel} autoComplete="new-password" required {...form.getInputProps('newPasswordConfirm')} />
    </Stack>
  );
}
