// An admin sets a temporary password for a user, who must change it at the next sign-in.
import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type UserDetail } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { PasswordStrength } from '../components/PasswordStrength';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { strongPasswordRule } from '../forms/password-rules';
import { useSharedText } from '../messages';

const passwordOnly = contract['users.resetPassword'].input.pick({ temporaryPassword: true });
type Values = { temporaryPassword: string };

interface Props {
  user: UserDetail;
  reauth: Reauth;
  onClose: () => void;
  onSaved: (message: string) => void;
}

export function ResetPasswordModal({ user, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const text = useSharedText();
  const action = useAction();
  const resetPassword = useVaultMutation('users.resetPassword', { invalidates: ['users'] });
  const form = useForm<Values>({
    initialValues: { temporaryPassword: '' },
    validate: contractResolver<Values>(passwordOnly, strongPasswordRule<Values>(text, 'temporaryPassword', () => user)),
  });

  const submit = form.onSubmit(({ temporaryPassword }) =>
    action.run(async () => {
      const done = await reauth.run(() => resetPassword.send({ id: user.id, temporaryPassword }));
      if (done) onSaved(t('usersPage.reset.done', { name: user.displayName }));
    }),
  );

  return (
    <Modal opened onClose={onClose} title={t('usersPage.reset.title')} lockScroll={false} {...reauth.modalProps}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t('usersPage.reset.lead', { name: user.displayName })}</Text>
          <ErrorAlert message={action.error} />
          <Stack gap={6}>
            <PasswordInput
              label={t('usersPage.reset.temporaryPassword')}
              autoComplete="new-password"
              required
              data-autofocus
              {...form.getInputProps('temporaryPassword')}
            />
            <PasswordStrength password={form.values.temporaryPassword} owner={user} fieldError={!!form.errors.temporaryPassword} />
          </Stack>
          <FormActions submitLabel={t('usersPage.reset.submit')} busy={action.busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
