// Step 1: the registrant's own number, checked as it is typed; or the way to read it from the
// card's back instead, or to say that they will not provide it.
import { useState, type ReactNode } from 'react';
import { NumberField } from '../components/NumberField';
import { Actions, Screen } from '../components/Screen';
import { Steps } from '../components/Steps';
import { numberProblem } from '../form-model';
import { useText } from '../i18n';

export interface NumberScreenProps {
  digits: string;
  onDigits(digits: string): void;
  /** What HR said when it sent the submission back, or that they declined before. */
  banner?: ReactNode;
  onNext(): void;
  onReadFromCard(): void;
  onDecline(): void;
}

export function NumberScreen({ digits, onDigits, banner, onNext, onReadFromCard, onDecline }: NumberScreenProps) {
  const { text } = useText();
  const [tried, setTried] = useState(false);
  return (
    <Screen title={text('number.title')} lead={text('number.lead')} testId="number-screen">
      <Steps current="number" />
      {banner}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!numberProblem(digits)) onNext();
        }}
      >
        <NumberField label={text('number.label')} digits={digits} onDigits={onDigits} showProblem={tried} testId="my-number-input" />
        <Actions>
          <button type="submit" className="button button--primary">
            {text('common.next')}
          </button>
        </Actions>
      </form>
      <div className="aside">
        <p>{text('number.fromCardHint')}</p>
        <button type="button" className="button button--secondary" onClick={onReadFromCard}>
          {text('number.fromCard')}
        </button>
      </div>
      <p className="aside aside--quiet">
        <button type="button" className="link-button" onClick={onDecline} data-testid="decline-link">
          {text('number.decline')}
        </button>
      </p>
    </Screen>
  );
}
