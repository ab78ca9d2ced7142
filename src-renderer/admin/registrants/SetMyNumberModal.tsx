// Register or correct a My Number: a registrant's own, or one of their dependents'. The input
// is checked as it is typed, by the contract's own field (12 digits; full-width digits,
// spaces and hyphens are accepted and dropped; the check digit). The number lives only in
// this dialog's input and is gone when the dialog closes (the mutation forgets what it sent
// once settled).
import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type NumberSubjectInput } from '../../../src-shared/contract';
import { normalizeMyNumberInput } from '../../../src-shared/text';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';

interface Props {
  /** Whose number: the registrant's own, or a dependent's. */
  subject: NumberSubjectInput;
  /** The holder's name, as the dialog names them. */
  name: string;
  /** Whether a number is held already (then this corrects it). */
  correcting: boolean;
  reauth: Reauth;
  onClose: () => void;
  onSaved: (message: string) => void;
}

const numberOnly = contract['mynumber.set'].input.pick({ myNumber: true });

/** The contract's first complaint about the typed number (in the UI's language), or null. */
function problemOf(typed: string): string | null {
  const result = numberOnly.safeParse({ myNumber: typed });
  return result.success ? null : (result.error.issues[0]?.message ?? null);
}

export function SetMyNumberModal({ subject, name, correcting, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  // The status and "number held" of the list, the drawer and its dependents change with it.
  const setNumber = useVaultMutation('mynumber.set', { invalidates: ['registrants', 'dependents', 'audit'] });
  const [value, setValue] = useState('');
  // Set on leaving the field or submitting: an unfinished number is not an error while typed.
  const [touched, setTouched] = useState(false);

  const digits = normalizeMyNumberInput(value);
  const problem = problemOf(value);
  // Shown at once when it can no longer become right by typing on (a non-digit, too many
  // digits, or twelve digits with the wrong check digit); otherwise once the field is left.
  const showProblem = problem !== null && (touched || digits.length >= 12 || /\D/.test(digits));
  const error = showProblem ? problem : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    void action.run(async () => {
      const done = await reauth.run(() => setNumber.send({ subject, myNumber: digits }));
      if (done) {
        setValue('');
        onSaved(t(correcting ? 'registrants.myNumber.setDialog.corrected' : 'registrants.myNumber.setDialog.registered'));
      }
    });
  };

  const close = () => {
    setValue('');
    onClose();
  };

  return (
    <Modal
      opened
      onClose={close}
      title={t(correcting ? 'registrants.myNumber.setDialog.correctTitle' : 'registrants.myNumber.setDialog.registerTitle')}
      size="md"
      lockScroll={false}
      centered
      {...reauth.modalProps}
    >
      <form onSubmit={submit} noValidate data-testid="mynumber-form">
        <Stack gap="md">
          <Text fz="sm">
            {t(correcting ? 'registrants.myNumber.setDialog.correctLead' : 'registrants.myNumber.setDialog.registerLead', { name })}
          </Text>
          <ErrorAlert message={action.error} />
          <TextInput
            label={t('registrants.myNumber.setDialog.number')}
            description={t('registrants.myNumber.setDialog.numberHint')}
            className="mnv-mynumber-input"
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={error}
            inputMode="numeric"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={20}
            required
            data-autofocus
            rightSection={
              <Text fz="xs" c="dimmed" pr="xs">
                {t('registrants.myNumber.setDialog.digitCount', { count: digits.replace(/\D/g, '').length })}
              </Text>
            }
            rightSectionWidth={104}
          />
          <FormActions
            submitLabel={t(correcting ? 'registrants.myNumber.setDialog.submitCorrect' : 'registrants.myNumber.setDialog.submitRegister')}
            busy={action.busy}
            onCancel={close}
            mt="xs"
          />
        </Stack>
      </form>
    </Modal>
  );
}
