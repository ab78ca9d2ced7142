// The choice of identity documents (番号確認 + 身元確認): the card alone, or a number
// document with a photo ID. Large radio rows, one tap each.
import { DOCUMENT_SETS, type DocumentSet } from '../../../src-shared/contract/collect';
import { useText, type TextKey } from '../i18n';

export function DocumentSetPicker({ value, onChange, name, allowNone = false, problem }: { value: DocumentSet | null; onChange(set: DocumentSet | null): void; name: string; allowNone?: boolean; problem?: string | null }) {
  const { text } = useText();
  const options: (DocumentSet | null)[] = allowNone ? [null, ...DOCUMENT_SETS] : [...DOCUMENT_SETS];
  return (
    <fieldset className="choices" data-testid="document-set">
      <legend className="field__label">{text('documents.setLegend')}</legend>
      {options.map((set) => (
        <label key={set ?? 'none'} className={value === set ? 'choice choice--checked' : 'choice'}>
          <input type="radio" name={name} checked={value === set} onChange={() => onChange(set)} />
          <span>{set ? text(`documents.sets.${set}` as TextKey) : text('dependents.documentsNone')}</span>
        </label>
      ))}
      {problem && (
        <p className="field__problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
