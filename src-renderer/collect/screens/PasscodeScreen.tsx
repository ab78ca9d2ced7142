// The link's first step: the company passcode (and the birth date, when the company asks for
// it: the form cannot know in advance, since a refused link answers the same whatever was
// wrong, so the field is there for everyone, marked optional).
import { useState, type FormEvent } from 'react';
import type { VaultError } from '../../../src-shared/errors';
import { Field } from '../components/Field';
import { ProblemText } from '../components/ProblemText';
import { Actions, Screen } from '../components/Screen';
import { isoDate, optionalDateProblem } from '../form-model';
import { useText } from '../i18n';

export interface PasscodeScreenProps {
  busy: boolean;
  /** The last refusal (null: no answer came), undefined before any. */
  refusal: VaultError | null | undefined;
  onSubmit(passcode: string, birthDate: string | undefined): void;
}

export function PasscodeScreen({ busy, refusal, onSubmit }: PasscodeScreenProps) {
  const { text, shared } = useText();
  const [passcode, setPasscode] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [shown, setShown] = useState(false);
  const [tried, setTried] = useState(false);

  const passcodeProblem = passcode === '' ? { key: 'validation.required', params: { field: 'passcode' } } : null;
  const birthDateProblem = optionalDateProblem('birthDate', birthDate);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (busy || passcodeProblem || birthDateProblem) return;
    onSubmit(passcode, isoDate(birthDate));
  };

  return (
    <Screen title={text('passcode.title')} lead={text('passcode.lead')} testId="passcode-screen">
      <form onSubmit={submit} noValidate>
        <Field
          label={text('passcode.passcode')}
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          value={passcode}
          onValue={setPasscode}
          problem={tried && passcodeProblem ? shared(passcodeProblem) : null}
        />
        <label className="check">
          <input type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} />
          <span>{text('passcode.show')}</span>
        </label>
        <Field
          label={text('passcode.birthDate')}
          optionalLabel={text('common.optional')}
          hint={text('passcode.birthDateHint')}
          autoComplete="bday"
          placeholder="1985/4/1"
          value={birthDate}
          onValue={setBirthDate}
          problem={tried && birthDateProblem ? shared(birthDateProblem) : null}
        />
        {refusal !== undefined && <ProblemText error={refusal} />}
        <Actions>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {busy ? text('passcode.checking') : text('passcode.submit')}
          </button>
        </Actions>
      </form>
    </Screen>
  );
}
