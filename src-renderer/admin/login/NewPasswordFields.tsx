// "New password" and its confirmation, with the strength meter under the first.
import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { MessageParams } from '../../../src-shared/messages';
import type { PasswordOwner } from '../../../src-shared/password-policy';
import { PasswordStrength } from '../components/PasswordStrength';
import { sameAsRule, strongPasswordRule } from '../forms/password-rules';

export type NewPasswordValues = {
  newPassword: string;
  newPasswordConfirm: string;
};

/** Extra rules for contractResolver: the core's password rule, and the confirmation. */
export function newPasswordRules<V extends NewPasswordValues>(text: (key: string, params?: MessageParams) => string, owner: PasswordOwner) {
  return [strongPasswordRule<V>(text, 'newPassword', () => owner), sameAsRule<V>(text, 'newPassword', 'newPasswordConfirm')];
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
        <PasswordStrength password={form.getValues().newPassword} owner={owner} fieldError={!!form.errors.newPassword} />
      </Stack>
      <PasswordInput label={confirmLabel} autoComplete="new-password" required {...form.getInputProps('newPasswordConfirm')} />
    </Stack>
  );
}
