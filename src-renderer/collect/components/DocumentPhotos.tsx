// The photos of one subject's document set, with the tips, and after the card's back what
// its QR code said of the number (the number field shown there too, to check it in place).
import type { ReactNode } from 'react';
import { DOCUMENT_SET_KINDS, type DocumentSet } from '../../../src-shared/contract/collect';
import type { Photos } from '../photos';
import { PhotoSlot } from './PhotoSlot';
import { PhotoTips } from './PhotoTips';
import { QrCheck } from './QrCheck';

export interface NumberCheck {
  digits: string;
  filledFromQr: boolean;
  onUse(number: string): void;
  /** The number field, shown under the card's back once its QR code was looked at. */
  field: ReactNode;
}

export function DocumentPhotos({ subject, set, photos, showMissing, numberCheck }: { subject: string; set: DocumentSet; photos: Photos; showMissing: boolean; numberCheck: NumberCheck }) {
  return (
    <div className="document-photos">
      <PhotoTips />
      {DOCUMENT_SET_KINDS[set].map((kind) => {
        const photo = photos.photoOf(subject, kind);
        return (
          <div key={kind}>
            <PhotoSlot kind={kind} photo={photo} missing={showMissing} onTake={(file) => photos.take(subject, kind, file)} onRetry={photos.retry} />
            {kind === 'card_back' && photo?.qr && (
              <div className="qr-block">
                <QrCheck photo={photo} digits={numberCheck.digits} filledFromQr={numberCheck.filledFromQr} onUse={numberCheck.onUse} />
                {photo.qr.state !== 'reading' && numberCheck.field}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
