// Register or correct a registrant's My Number. The input is checked as it is typed: 12
// digits (full-width digits, spaces and hyphens are accepted and dropped) and the check digit.
// The number lives only in this dialog's input and is gone when the dialog closes.
import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import { isValidMyNumber } from '../../../src-shared/mynumber';
import { normalizeMyNumberInput } from '../../../src-shared/text';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { fullName } from './format';

interface Props {
  registrant: RegistrantRow;
  reauth: Reauth;
  onClose: () => void;
  onSaved: (message: string) => void;
}

type Problem = 'format' | 'checkDigit' | null;

function problemOf(digits: string): Problem {
  if (!/^\d{12}$/.test(digits)) return 'format';
  return isValidMyNumber(digits) ? null : 'checkDigit';
}

export function SetMyNumberModal({ registrant, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const correcting = registrant.hasMyNumber;
  const [value, setValue] = useState('');
  // Set on leaving the field or submitting: an unfinished number is not an error while typed.
  const [touched, setTouched] = useState(false);

  const digits = normalizeMyNumberInput(value);
  const problem = problemOf(digits);
  // Shown at once when it can no longer become right by typing on (a non-digit, too many
  // digits, or twelve digits with the wrong check digit); otherwise once the field is left.
  const showProblem = problem !== null && (touched || digits.length >= 12 || /\D/.test(digits));
  const error = showProblem
    ? t(problem === 'checkDigit' ? 'registrants.myNumber.setDialog.checkDigitError' : 'registrants.myNumber.setDialog.formatError')
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    void action.run(async () => {
      const done = await reauth.run(() => window.vault.mynumber.set({ subject: { registrantId: registrant.id }, myNumber: digits }));
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
            {t(correcting ? 'registrants.myNumber.setDialog.correctLead' : 'registrants.myNumber.setDialog.registerLead', { name: fullName(registrant) })}
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
