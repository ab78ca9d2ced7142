// Step 3: the dependents (扶養親族), as many as there are (up to the contract's limit), each
// with their names and readings, birth date, 税扶養 / 第3号 flags, number and documents.
import { Actions, Screen } from '../components/Screen';
import { Steps } from '../components/Steps';
import { MAX_SUBMITTED_DEPENDENTS, type DependentDraft } from '../form-model';
import { useText, type TextKey } from '../i18n';

export interface DependentsScreenProps {
  dependents: readonly DependentDraft[];
  onAdd(): void;
  onEdit(dependent: DependentDraft): void;
  onRemove(dependent: DependentDraft): void;
  onNext(): void;
  onBack(): void;
}

export function relationshipKey(relationship: DependentDraft['relationship']): TextKey {
  return relationship === '' ? 'dependents.relationship' : (`dependents.relationships.${relationship}` as TextKey);
}

export function DependentsScreen({ dependents, onAdd, onEdit, onRemove, onNext, onBack }: DependentsScreenProps) {
  const { text } = useText();
  const full = dependents.length >= MAX_SUBMITTED_DEPENDENTS;
  return (
    <Screen title={text('dependents.title')} lead={text('dependents.lead')} testId="dependents-screen">
      <Steps current="dependents" />
      {dependents.length === 0 ? (
        <p className="empty">{text('dependents.none')}</p>
      ) : (
        <ul className="cards" data-testid="dependent-list">
          {dependents.map((d) => (
            <li key={d.tempId} className="card" data-testid="dependent-card">
              <p className="card__title">
                {d.familyName} {d.givenName}
                <span className="tag">{text(relationshipKey(d.relationship))}</span>
              </p>
              <p className="card__detail">
                {d.familyNameKana} {d.givenNameKana}
              </p>
              <p className="card__detail">{text(d.myNumber ? 'dependents.hasNumber' : 'dependents.noNumber')}</p>
              <div className="card__buttons">
                <button type="button" className="button button--secondary button--small" onClick={() => onEdit(d)}>
                  {text('dependents.edit')}
                </button>
                <button type="button" className="button button--danger button--small" onClick={() => onRemove(d)}>
                  {text('dependents.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p className="empty">{text('dependents.max', { max: MAX_SUBMITTED_DEPENDENTS })}</p>
      ) : (
        <button type="button" className="button button--secondary button--add" onClick={onAdd}>
          ＋ {text('dependents.add')}
        </button>
      )}
      <Actions>
        <button type="button" className="button button--primary" onClick={onNext}>
          {text('common.next')}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {text('common.back')}
        </button>
      </Actions>
    </Screen>
  );
}
