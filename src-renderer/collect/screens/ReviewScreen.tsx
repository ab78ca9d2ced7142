// Step 4: everything that will be handed in, the numbers masked but for their last four
// digits, each part with a way back to change it; then 提出する.
import type { ReactNode } from 'react';
import { DOCUMENT_SET_KINDS, type DocumentSet } from '../../../src-shared/contract/collect';
import { formatWareki } from '../../../src-shared/dates';
import type { VaultError } from '../../../src-shared/errors';
import { ProblemText } from '../components/ProblemText';
import { Actions, Screen } from '../components/Screen';
import { Steps, type FormStep } from '../components/Steps';
import { isoDate, type DependentDraft } from '../form-model';
import { useText, type TextKey } from '../i18n';
import { maskMyNumber } from '../number-input';
import { isHeif, type Photos } from '../photos';
import { relationshipKey } from './DependentsScreen';

export interface ReviewScreenProps {
  displayName: string;
  digits: string;
  documentSet: DocumentSet;
  dependents: readonly DependentDraft[];
  photos: Photos;
  busy: boolean;
  refusal: VaultError | null | undefined;
  onEdit(step: FormStep): void;
  onEditDependent(dependent: DependentDraft): void;
  onSubmit(): void;
}

function Thumbnails({ subject, set, photos }: { subject: string; set: DocumentSet; photos: Photos }) {
  const { text } = useText();
  return (
    <ul className="thumbs">
      {DOCUMENT_SET_KINDS[set].map((kind) => {
        const photo = photos.photoOf(subject, kind);
        const kindName = text(`documents.kinds.${kind}` as TextKey);
        return (
          <li key={kind}>
            {photo && !isHeif(photo.file) && <img src={photo.previewUrl} alt={text('documents.previewAlt', { kind: kindName })} data-kind={kind} />}
            {photo && isHeif(photo.file) && <p className="photo__no-preview">{text('documents.noPreview')}</p>}
            <span>{kindName}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Part({ title, onEdit, children, testId }: { title: string; onEdit(): void; children: ReactNode; testId: string }) {
  const { text } = useText();
  return (
    <section className="review-part" data-testid={testId}>
      <div className="review-part__head">
        <h2 className="section-title">{title}</h2>
        <button type="button" className="link-button" onClick={onEdit}>
          {text('common.edit')}
        </button>
      </div>
      {children}
    </section>
  );
}

export function ReviewScreen({ displayName, digits, documentSet, dependents, photos, busy, refusal, onEdit, onEditDependent, onSubmit }: ReviewScreenProps) {
  const { text, language } = useText();
  // 1983-02-03（昭和58年2月3日） in Japanese.
  const shownDate = (typed: string) => {
    const iso = isoDate(typed) ?? typed;
    const wareki = language === 'ja' ? formatWareki(iso) : null;
    return wareki ? `${iso}（${wareki}）` : iso;
  };
  return (
    <Screen title={text('review.title')} lead={text('review.lead')} testId="review-screen">
      <Steps current="review" />
      <dl className="review-facts">
        <dt>{text('review.name')}</dt>
        <dd data-testid="review-name">{displayName}</dd>
      </dl>
      <Part title={text('review.myNumber')} onEdit={() => onEdit('number')} testId="review-number">
        <p className="masked-number">{maskMyNumber(digits)}</p>
      </Part>
      <Part title={text('review.documents')} onEdit={() => onEdit('documents')} testId="review-documents">
        <p>{text(`documents.sets.${documentSet}` as TextKey)}</p>
        <Thumbnails subject="self" set={documentSet} photos={photos} />
      </Part>
      <Part title={text('review.dependents')} onEdit={() => onEdit('dependents')} testId="review-dependents">
        {dependents.length === 0 ? (
          <p>{text('review.noDependents')}</p>
        ) : (
          <ul className="cards">
            {dependents.map((d) => (
              <li key={d.tempId} className="card" data-testid="review-dependent">
                <p className="card__title">
                  {d.familyName} {d.givenName}
                  <span className="tag">{text(relationshipKey(d.relationship))}</span>
                </p>
                <p className="card__detail">
                  {d.familyNameKana} {d.givenNameKana}
                </p>
                {d.birthDate && (
                  <p className="card__detail">
                    {text('dependents.birthDate')}: {shownDate(d.birthDate)}
                  </p>
                )}
                {d.taxDependent && <p className="card__detail">✓ {text('dependents.taxDependent')}</p>}
                {d.relationship === 'spouse' && d.category3 && <p className="card__detail">✓ {text('dependents.category3')}</p>}
                <p className="card__detail">
                  {text('review.myNumber')}: {d.myNumber ? maskMyNumber(d.myNumber) : text('dependents.noNumber')}
                </p>
                {d.documentSet && (
                  <>
                    <p className="card__detail">{text(`documents.sets.${d.documentSet}` as TextKey)}</p>
                    <Thumbnails subject={d.tempId} set={d.documentSet} photos={photos} />
                  </>
                )}
                <button type="button" className="link-button" onClick={() => onEditDependent(d)}>
                  {text('common.edit')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Part>
      {refusal !== undefined && <ProblemText error={refusal} />}
      <Actions>
        <button type="button" className="button button--primary" disabled={busy} aria-busy={busy} onClick={onSubmit}>
          {busy ? text('review.submitting') : text('review.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onEdit('dependents')}>
          {text('common.back')}
        </button>
      </Actions>
    </Screen>
  );
}
