// An admin sets a temporary password for a user, who must change it at the next sign-in.
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDetail } from '../../../src-shared/contract';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordStrength } from '../components/PasswordStrength';
import type { Reauth } from '../components/useReauth';
import { createValidators } from '../validation';

interface Props {
  user: UserDetail;
  reauth: Reauth;
  onClose: () => void;
  onSaved: (message: string) => void;
}

export function ResetPasswordModal({ user, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { temporaryPassword: '' }, validate: { temporaryPassword: v.newPassword } });

  const submit = form.onSubmit(async ({ temporaryPassword }) => {
    setBusy(true);
    setError(null);
    try {
      const done = await reauth.run(() => window.vault.users.resetPassword({ id: user.id, temporaryPassword }));
      if (done) onSaved(t('usersPage.reset.done', { name: user.displayName }));
    } catch (err) {
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('usersPage.reset.title')} lockScroll={false} {...reauth.modalProps}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t('usersPage.reset.lead', { name: user.displayName })}</Text>
          <ErrorAlert message={error} />
          <Stack gap={6}>
            <PasswordInput
              label={t('usersPage.reset.temporaryPassword')}
              autoComplete="new-password"
              required
              data-autofocus
              {...form.getInputProps('temporaryPassword')}
            />
            <PasswordStrength password={form.values.temporaryPassword} owner={user} />
          </Stack>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('adminCommon.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('usersPage.reset.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
