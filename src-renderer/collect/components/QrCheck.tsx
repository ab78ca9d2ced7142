// What the card's QR code said about the number: read and filled in (to be checked), the
// same as typed, or different (with a button to take the code's), or not readable.
import { useText } from '../i18n';
import type { Photo } from '../photos';
import { Notice } from './Notice';

export function QrCheck({ photo, digits, filledFromQr, onUse }: { photo: Photo | undefined; digits: string; filledFromQr: boolean; onUse(number: string): void }) {
  const { text } = useText();
  const qr = photo?.qr;
  if (!qr) return null;
  if (qr.state === 'reading') return <p className="qr-reading">{text('qr.reading')}</p>;
  if (qr.state === 'none') return digits === '' ? <Notice tone="warning" testId="qr-check">{text('qr.notRead')}</Notice> : null;
  if (digits === qr.number) {
    return filledFromQr ? (
      <Notice tone="info" testId="qr-check">
        {text('qr.filled')}
      </Notice>
    ) : (
      <Notice tone="success" testId="qr-check">
        ✓ {text('qr.matched')}
      </Notice>
    );
  }
  return (
    <Notice tone="warning" testId="qr-check">
      <p>{text('qr.differs', { last4: qr.number.slice(-4) })}</p>
      <button type="button" className="button button--secondary" onClick={() => onUse(qr.number)}>
        {text('qr.useQr')}
      </button>
    </Notice>
  );
}
