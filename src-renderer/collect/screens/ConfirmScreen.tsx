// "○○ ○○ さんですね?": the registrant confirms the link is theirs before typing anything.
import { Actions, Screen } from '../components/Screen';
import { useText } from '../i18n';

export function ConfirmScreen({ displayName, onYes, onNo }: { displayName: string; onYes(): void; onNo(): void }) {
  const { text } = useText();
  return (
    <Screen title={text('confirm.title')} testId="confirm-screen">
      <p className="confirm-name" data-testid="confirm-name">
        {text('confirm.question', { name: displayName })}
      </p>
      <Actions>
        <button type="button" className="button button--primary" onClick={onYes}>
          {text('confirm.yes')}
        </button>
        <button type="button" className="button button--secondary" onClick={onNo}>
          {text('confirm.no')}
        </button>
      </Actions>
    </Screen>
  );
}
