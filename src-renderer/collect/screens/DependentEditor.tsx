// One dependent, added or changed: checked with the contract's schema when saved (names,
// readings in kana, a date in 西暦 or 和暦, 第3号 for a spouse only, the number's check digit),
// with their documents if any (photos sent under the dependent's own tempId).
import { useState } from 'react';
import type { DocumentSet } from '../../../src-shared/contract/collect';
import { RELATIONSHIPS } from '../../../src-shared/contract/dependents';
import { DocumentPhotos } from '../components/DocumentPhotos';
import { DocumentSetPicker } from '../components/DocumentSetPicker';
import { Field } from '../components/Field';
import { NumberField } from '../components/NumberField';
import { Notice } from '../components/Notice';
import { Actions, Screen } from '../components/Screen';
import { dependentProblems, missingKinds, type DependentDraft, type DependentField } from '../form-model';
import { useText, type TextKey } from '../i18n';
import type { Photos } from '../photos';

export interface DependentEditorProps {
  draft: DependentDraft;
  isNew: boolean;
  /** Whether the number was filled in from the card's QR code (and not changed since). */
  filledFromQr: boolean;
  onChange(patch: Partial<DependentDraft>): void;
  onSave(): void;
  onCancel(): void;
  photos: Photos;
}

export function DependentEditor({ draft, isNew, filledFromQr, onChange, onSave, onCancel, photos }: DependentEditorProps) {
  const { text, shared } = useText();
  const [tried, setTried] = useState(false);
  const problems = dependentProblems(draft);
  const sending = photos.sending([draft.tempId]);
  const missing = draft.documentSet ? missingKinds(draft.documentSet, draft.tempId, photos.documentIdOf) : [];
  const problemOf = (field: DependentField) => {
    const problem = problems[field];
    return tried && problem ? shared(problem) : null;
  };
  const textField = (field: 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana', autoComplete: string) => (
    <Field label={text(`dependents.${field}`)} value={draft[field]} onValue={(value) => onChange({ [field]: value })} autoComplete={autoComplete} problem={problemOf(field)} />
  );

  const save = () => {
    setTried(true);
    if (Object.keys(problems).length === 0 && missing.length === 0 && !sending) onSave();
  };
  const name = `${draft.familyName} ${draft.givenName}`.trim();
  const cardBackQr = draft.documentSet === 'card' ? photos.photoOf(draft.tempId, 'card_back')?.qr : undefined;
  // Once the card's back was looked at, the number field moves under it, beside what the QR code said.
  const numberUnderCard = cardBackQr !== undefined && cardBackQr.state !== 'reading';
  const numberField = (
    <NumberField
      label={text('dependents.myNumber')}
      optional
      optionalLabel={text('common.optional')}
      digits={draft.myNumber}
      onDigits={(myNumber) => onChange({ myNumber })}
      showProblem={tried}
      testId="dependent-number-input"
    />
  );

  return (
    <Screen title={text(isNew ? 'dependents.formTitleNew' : 'dependents.formTitleEdit')} testId="dependent-editor">
      <fieldset className="choices" data-testid="relationship">
        <legend className="field__label">{text('dependents.relationship')}</legend>
        <div className="choice-grid">
          {RELATIONSHIPS.map((relationship) => (
            <label key={relationship} className={draft.relationship === relationship ? 'choice choice--checked' : 'choice'}>
              <input type="radio" name="relationship" checked={draft.relationship === relationship} onChange={() => onChange({ relationship })} />
              <span>{text(`dependents.relationships.${relationship}` as TextKey)}</span>
            </label>
          ))}
        </div>
        {problemOf('relationship') && <p className="field__problem">{problemOf('relationship')}</p>}
      </fieldset>
      <div className="field-row">
        {textField('familyName', 'off')}
        {textField('givenName', 'off')}
      </div>
      <div className="field-row">
        {textField('familyNameKana', 'off')}
        {textField('givenNameKana', 'off')}
      </div>
      <Field
        label={text('dependents.birthDate')}
        optionalLabel={text('common.optional')}
        hint={text('dependents.birthDateHint')}
        autoComplete="off"
        placeholder="2015/4/1"
        value={draft.birthDate}
        onValue={(birthDate) => onChange({ birthDate })}
        problem={problemOf('birthDate')}
      />
      <label className="check">
        <input type="checkbox" checked={draft.taxDependent} onChange={(event) => onChange({ taxDependent: event.target.checked })} />
        <span>{text('dependents.taxDependent')}</span>
      </label>
      <label className={draft.relationship === 'spouse' ? 'check' : 'check check--disabled'}>
        <input
          type="checkbox"
          checked={draft.relationship === 'spouse' && draft.category3}
          disabled={draft.relationship !== 'spouse'}
          onChange={(event) => onChange({ category3: event.target.checked })}
        />
        <span>
          {text('dependents.category3')}
          {draft.relationship !== 'spouse' && <small className="check__note">{text('dependents.category3SpouseOnly')}</small>}
        </span>
      </label>
      {problemOf('category3') && <p className="field__problem">{problemOf('category3')}</p>}
      {!numberUnderCard && numberField}
      <h2 className="section-title">{draft.documentSet && name ? text('documents.forDependent', { name }) : text('dependents.documents')}</h2>
      <DocumentSetPicker name={`documents-${draft.tempId}`} allowNone value={draft.documentSet} onChange={(documentSet: DocumentSet | null) => onChange({ documentSet })} />
      {draft.documentSet && (
        <DocumentPhotos
          subject={draft.tempId}
          set={draft.documentSet}
          photos={photos}
          showMissing={tried && !sending}
          numberCheck={{ digits: draft.myNumber, filledFromQr, onUse: (myNumber) => onChange({ myNumber }), field: numberField }}
        />
      )}
      {tried && sending && <Notice tone="info">{text('documents.stillUploading')}</Notice>}
      <Actions>
        <button type="button" className="button button--primary" onClick={save}>
          {text('dependents.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {text('common.cancel')}
        </button>
      </Actions>
    </Screen>
  );
}
