// The password re-entry dialog: opens the core's 5-minute window with auth.reauth.
// A wrong password shows the core's message and keeps the dialog open.
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, unwrap } from '../api';
import { createValidators } from '../validation';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  opened: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
}

export function ReauthDialog({ opened, onConfirmed, onCancel }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' }, validate: { password: v.required } });

  const reset = () => {
    form.reset();
    setError(null);
  };

  const submit = form.onSubmit(async ({ password }) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(window.vault.auth.reauth({ password }));
      reset();
      onConfirmed();
    } catch (err) {
      form.setFieldValue('password', '');
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  });

  const cancel = () => {
    reset();
    onCancel();
  };

  return (
    <Modal
      opened={opened}
      onClose={cancel}
      lockScroll={false}
      zIndex={400}
      size="md"
      centered
      title={t('reauthDialog.title')}
    >
      <form onSubmit={submit} noValidate data-testid="reauth-dialog">
        <Stack gap="md">
          <Text fz="sm">{t('reauthDialog.lead')}</Text>
          <ErrorAlert message={error} />
          <PasswordInput
            label={t('reauthDialog.password')}
            autoComplete="current-password"
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={cancel}>
              {t('reauthDialog.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('reauthDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
