// Asks the purpose of use (利用目的) before a My Number is shown, then calls mynumber.reveal,
// which needs the password re-entered (パスワード再入力) and writes the audit entry with the
// purpose. The number goes straight to the caller; this dialog keeps nothing of it.
import { Center, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, RegistrantRow } from '../../../src-shared/contract';
import { errorMessage, unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { fullName } from './format';
import { usePurposeLabel } from './purpose-labels';

type Purpose = ChannelOutput<'purposes.list'>['rows'][number];

interface Props {
  registrant: RegistrantRow;
  reauth: Reauth;
  onClose: () => void;
  onRevealed: (myNumber: string, purpose: Purpose) => void;
}

export function RevealDialog({ registrant, reauth, onClose, onRevealed }: Props) {
  const { t } = useTranslation();
  const labelOf = usePurposeLabel();
  const action = useAction();
  const [purposes, setPurposes] = useState<Purpose[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [purposeId, setPurposeId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    unwrap(window.vault.purposes.list({})).then(
      ({ rows }) => live && setPurposes(rows),
      (err: unknown) => live && setLoadError(errorMessage(err, t('common.unexpectedError'))),
    );
    return () => {
      live = false;
    };
  }, [t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const purpose = purposes?.find((p) => p.id === purposeId);
    if (!purpose) {
      setMissing(true);
      return;
    }
    void action.run(async () => {
      const value = await reauth.run(() => window.vault.mynumber.reveal({ subject: { registrantId: registrant.id }, purposeId: purpose.id }));
      if (value) onRevealed(value.myNumber, { id: purpose.id, label: labelOf(purpose) });
    });
  };

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
          <Text fz="sm">{t('registrants.myNumber.revealDialog.lead', { name: fullName(registrant) })}</Text>
          <ErrorAlert message={loadError ?? action.error} />
          {purposes === null && !loadError && (
            <Center p="md">
              <Loader size="sm" aria-label={t('common.loading')} />
            </Center>
          )}
          {purposes?.length === 0 && <ErrorAlert message={t('registrants.myNumber.revealDialog.noPurposes')} />}
          {purposes && purposes.length > 0 && (
            <Select
              label={t('registrants.myNumber.revealDialog.purpose')}
              placeholder={t('registrants.myNumber.revealDialog.purposePlaceholder')}
              data={purposes.map((p) => ({ value: p.id, label: labelOf(p) }))}
              value={purposeId}
              onChange={(value) => {
                setPurposeId(value);
                setMissing(false);
              }}
              error={missing ? t('registrants.myNumber.revealDialog.purposeRequired') : null}
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
