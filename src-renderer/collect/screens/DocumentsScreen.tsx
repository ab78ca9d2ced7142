// Step 2: the registrant's documents. The set is chosen first; each of its photos is sent as
// it is taken. Going on needs every photo sent and, when the number is to come from the
// card's QR code, a number that checks out.
import { useState } from 'react';
import type { DocumentSet } from '../../../src-shared/contract/collect';
import { DocumentPhotos } from '../components/DocumentPhotos';
import { DocumentSetPicker } from '../components/DocumentSetPicker';
import { NumberField } from '../components/NumberField';
import { Notice } from '../components/Notice';
import { Actions, Screen } from '../components/Screen';
import { Steps } from '../components/Steps';
import { missingKinds, numberProblem } from '../form-model';
import { useText } from '../i18n';
import type { Photos } from '../photos';

export interface DocumentsScreenProps {
  set: DocumentSet | null;
  onSet(set: DocumentSet): void;
  photos: Photos;
  digits: string;
  filledFromQr: boolean;
  onDigits(digits: string): void;
  onNext(): void;
  onBack(): void;
}

export function DocumentsScreen({ set, onSet, photos, digits, filledFromQr, onDigits, onNext, onBack }: DocumentsScreenProps) {
  const { text } = useText();
  const [tried, setTried] = useState(false);
  const sending = photos.sending(['self']);
  const missing = set ? missingKinds(set, 'self', photos.documentIdOf) : [];
  const numberBad = numberProblem(digits) !== null;
  const cardBackQr = set === 'card' ? photos.photoOf('self', 'card_back')?.qr : undefined;
  // Once the card's back was looked at, the number field is shown under it.
  const numberUnderCard = cardBackQr !== undefined && cardBackQr.state !== 'reading';

  const next = () => {
    setTried(true);
    if (set && missing.length === 0 && !sending && !numberBad) onNext();
  };

  return (
    <Screen title={text('documents.title')} lead={text('documents.lead')} testId="documents-screen">
      <Steps current="documents" />
      <DocumentSetPicker name="self-document-set" value={set} onChange={(next) => next && onSet(next)} problem={tried && !set ? text('documents.chooseSet') : null} />
      {set && (
        <DocumentPhotos
          subject="self"
          set={set}
          photos={photos}
          showMissing={tried && !sending}
          numberCheck={{
            digits,
            filledFromQr,
            onUse: onDigits,
            field: <NumberField label={text('number.label')} digits={digits} onDigits={onDigits} showProblem={tried} testId="my-number-input" />,
          }}
        />
      )}
      {/* Came to read the number from the card, and there is none yet: it can be typed here. */}
      {numberBad && !numberUnderCard && (set !== 'card' || tried) && (
        <NumberField label={text('number.label')} digits={digits} onDigits={onDigits} showProblem={tried} testId="my-number-input" />
      )}
      {tried && sending && <Notice tone="info">{text('documents.stillUploading')}</Notice>}
      <Actions>
        <button type="button" className="button button--primary" onClick={next}>
          {text('common.next')}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {text('common.back')}
        </button>
      </Actions>
    </Screen>
  );
}
