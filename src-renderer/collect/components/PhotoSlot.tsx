// One document's photo: taken with the camera or chosen from the library, shown at once from
// its blob: URL, its sending progress, then sent (or why not, with a retry), and taken again.
// The file inputs are the browser's own (capture="environment" opens the back camera on
// phones); each sits inside its label, which looks like a button.
import { isHeif } from '../photos';
import { useState } from 'react';
import type { DocumentKind } from '../form-model';
import { useText, type TextKey } from '../i18n';
import type { Photo } from '../photos';
import { ProblemText } from './ProblemText';

export interface PhotoSlotProps {
  kind: DocumentKind;
  photo: Photo | undefined;
  onTake(file: Blob): void;
  onRetry(photo: Photo): void;
  /** Said when the step's button was pressed without this photo. */
  missing?: boolean;
}

function FileButton({ label, capture, onFile, testId }: { label: string; capture: boolean; onFile(file: Blob): void; testId: string }) {
  return (
    <label className="button button--secondary file-button">
      <input
        className="visually-hidden"
        type="file"
        accept="image/*"
        {...(capture ? { capture: 'environment' as const } : {})}
        data-testid={testId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so that choosing the same file again still counts as a choice.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      {label}
    </label>
  );
}

export function PhotoSlot({ kind, photo, onTake, onRetry, missing = false }: PhotoSlotProps) {
  const { text } = useText();
  const kindName = text(`documents.kinds.${kind}` as TextKey);
  const [unviewable, setUnviewable] = useState<string | null>(null);

  return (
    <section className={missing && !photo ? 'photo photo--missing' : 'photo'} data-testid={`photo-${kind}`} aria-label={kindName}>
      <h3 className="photo__title">{kindName}</h3>
      <p className="photo__hint">{text(`documents.kindHints.${kind}` as TextKey)}</p>
      {photo && (
        <div className="photo__preview">
          {unviewable === photo.previewUrl || isHeif(photo.file) ? (
            <p className="photo__no-preview">{text('documents.noPreview')}</p>
          ) : (
            <img src={photo.previewUrl} alt={text('documents.previewAlt', { kind: kindName })} data-kind={kind} onError={() => setUnviewable(photo.previewUrl)} />
          )}
          <div className="photo__status" data-testid="photo-status">
            {photo.status === 'sending' && (
              <>
                <progress max={100} value={photo.percent} aria-label={text('documents.uploading', { percent: photo.percent })} />
                <span>{text('documents.uploading', { percent: photo.percent })}</span>
              </>
            )}
            {photo.status === 'sent' && <span className="photo__sent">✓ {text('documents.uploaded')}</span>}
            {photo.status === 'failed' && (
              <div className="photo__failed">
                <ProblemText error={photo.error ?? null} />
                <button type="button" className="button button--secondary" onClick={() => onRetry(photo)}>
                  {text('documents.retry')}
                </button>
              </div>
            )}
          </div>
        </div>
      )}
      {missing && !photo && <p className="field__problem">{text('documents.missing', { kind: kindName })}</p>}
      <div className="photo__buttons">
        <FileButton label={text(photo ? 'documents.retakeCamera' : 'documents.camera')} capture onFile={onTake} testId="camera-input" />
        <FileButton label={text(photo ? 'documents.retakeLibrary' : 'documents.library')} capture={false} onFile={onTake} testId="library-input" />
      </div>
    </section>
  );
}
