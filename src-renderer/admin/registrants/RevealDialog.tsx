// Asks the purpose of use (利用目的) before a My Number is shown — a registrant's own or one of
// their dependents' — then calls mynumber.reveal, which needs the password re-entered
// (パスワード再入力) and writes the audit entry with the purpose. The number goes straight to
// the caller; this dialog keeps nothing of it.
import { Center, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelOutput, type NumberSubjectInput } from '../../../src-shared/contract';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { useErrorText } from '../messages';
import { usePurposeLabel } from './purpose-labels';

type Purpose = ChannelOutput<'purposes.list'>['rows'][number];
type Values = { purposeId: string };

const purposeOnly = contract['mynumber.reveal'].input.pick({ purposeId: true });

interface Props {
  /** Whose number: the registrant's own, or a dependent's. */
  subject: NumberSubjectInput;
  /** The holder's name, as the dialog names them. */
  name: string;
  reauth: Reauth;
  onClose: () => void;
  onRevealed: (myNumber: string, purpose: Purpose) => void;
}

export function RevealDialog({ subject, name, reauth, onClose, onRevealed }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labelOf = usePurposeLabel();
  const action = useAction();
  const purposes = useVaultQuery('purposes.list', {});
  const form = useForm<Values>({ initialValues: { purposeId: '' }, validate: contractResolver<Values>(purposeOnly) });
  const rows = purposes.data?.rows;

  const submit = form.onSubmit(({ purposeId }) => {
    const purpose = rows?.find((p) => p.id === purposeId);
    if (!purpose) return;
    void action.run(async () => {
      // A plain call, never a cached query or mutation: the number must not outlive its display.
      const value = await reauth.run(() => call('mynumber.reveal', { subject, purposeId: purpose.id }));
      if (value) onRevealed(value.myNumber, { id: purpose.id, label: labelOf(purpose) });
    });
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('registrants.myNumber.revealDialog.title')}
      size="md"
      lockScroll={false}
      centered
      {...reauth.modalProps}
    >
      <form onSubmit={submit} noValidate data-testid="reveal-form">
        <Stack gap="md">
          <Text fz="sm">{t('dependentId' in subject ? 'registrants.myNumber.revealDialog.leadDependent' : 'registrants.myNumber.revealDialog.lead', { name })}</Text>
          <ErrorAlert message={purposes.error ? errorText(purposes.error) : action.error} />
          {!rows && !purposes.error && (
            <Center p="md">
              <Loader size="sm" aria-label={t('common.loading')} />
            </Center>
          )}
          {rows?.length === 0 && <ErrorAlert message={t('registrants.myNumber.revealDialog.noPurposes')} />}
          {rows && rows.length > 0 && (
            <Select
              label={t('registrants.myNumber.revealDialog.purpose')}
              placeholder={t('registrants.myNumber.revealDialog.purposePlaceholder')}
              data={rows.map((p) => ({ value: p.id, label: labelOf(p) }))}
              value={form.values.purposeId || null}
              onChange={(value) => form.setFieldValue('purposeId', value ?? '')}
              error={form.errors.purposeId}
              allowDeselect={false}
              required
              data-autofocus
            />
          )}
          <FormActions submitLabel={t('registrants.myNumber.revealDialog.submit')} busy={action.busy} onCancel={onClose} mt="xs" />
        </Stack>
      </form>
    </Modal>
  );
}
