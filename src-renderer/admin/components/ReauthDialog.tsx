// The password re-entry dialog: opens the core's 5-minute window with auth.reauth.
// A wrong password shows the core's message and keeps the dialog open.
import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { call } from '../api';
import { contractResolver } from '../forms/contract-form';
import { ErrorAlert } from './ErrorAlert';
import { FormActions } from './FormActions';
import { useAction } from './useAction';

interface Props {
  opened: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
}

export function ReauthDialog({ opened, onConfirmed, onCancel }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const form = useForm({ initialValues: { password: '' }, validate: contractResolver(contract['auth.reauth'].input) });

  const reset = () => {
    form.reset();
    action.setError(null);
  };

  const submit = form.onSubmit(({ password }) =>
    action.run(
      async () => {
        await call('auth.reauth', { password });
        reset();
        onConfirmed();
      },
      { onError: () => form.setFieldValue('password', '') },
    ),
  );

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
          <ErrorAlert message={action.error} />
          <PasswordInput
            label={t('reauthDialog.password')}
            autoComplete="current-password"
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <FormActions submitLabel={t('reauthDialog.submit')} busy={action.busy} onCancel={cancel} cancelLabel={t('reauthDialog.cancel')} />
        </Stack>
      </form>
    </Modal>
  );
}
