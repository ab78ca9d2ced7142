// "マイナンバーを提供しません": the registrant may refuse; the reason goes to HR (never a
// number: the contract refuses a reason that holds one).
import { useId, useState } from 'react';
import type { VaultError } from '../../../src-shared/errors';
import { FieldProblem } from '../components/Field';
import { ProblemText } from '../components/ProblemText';
import { Actions, Screen } from '../components/Screen';
import { declineProblem } from '../form-model';
import { useText } from '../i18n';

export interface DeclineScreenProps {
  busy: boolean;
  refusal: VaultError | null | undefined;
  onSubmit(reason: string): void;
  onBack(): void;
}

export function DeclineScreen({ busy, refusal, onSubmit, onBack }: DeclineScreenProps) {
  const { text, shared } = useText();
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const problem = declineProblem(reason);
  return (
    <Screen title={text('decline.title')} lead={text('decline.lead')} testId="decline-screen">
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {text('decline.reason')}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {text('decline.reasonHint')}
        </p>
        <textarea
          id={id}
          className="field__input field__input--area"
          rows={4}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={tried && problem ? true : undefined}
        />
        {tried && problem && <FieldProblem>{shared(problem)}</FieldProblem>}
      </div>
      {refusal !== undefined && <ProblemText error={refusal} />}
      <Actions>
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => {
            setTried(true);
            if (!problem) onSubmit(reason);
          }}
        >
          {text('decline.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {text('decline.back')}
        </button>
      </Actions>
    </Screen>
  );
}
