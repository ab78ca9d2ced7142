// The form's photos: each one is sent as soon as it is taken (so its progress shows while the
// registrant goes on), previewed from a blob: URL that is released when the photo is replaced
// or dropped, and, for a card's back, read for its QR code in the browser. A photo is one per
// subject ('self' or a dependent's tempId) and kind; taking another replaces it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VaultError } from '../../src-shared/errors';
import { isSessionGone, type PhoneApiClient, type UploadHandle } from './api';
import type { DocumentIdOf, DocumentKind } from './form-model';
import { readNumberFromCardPhoto } from './qr';

/** The largest photo the listener takes (it checks again). */
export const PHOTO_SIZE_LIMIT = 15 * 1024 * 1024;

export interface Photo {
  /** Which taking of this subject and kind it is: answers for an earlier one are dropped. */
  serial: number;
  subject: string;
  kind: DocumentKind;
  file: Blob;
  previewUrl: string;
  status: 'sending' | 'sent' | 'failed';
  /** Percent sent. */
  percent: number;
  documentId?: string;
  /** Why it was not taken; null when no answer came. */
  error?: VaultError | null;
  /** A card's back only: being read, the number its QR code holds, or none found. */
  qr?: { state: 'reading' } | { state: 'read'; number: string } | { state: 'none' };
}

export interface PhotoEvents {
  /** A card's back was read: the number its QR code holds. */
  onQrNumber(subject: string, number: string): void;
  onSessionGone(): void;
}

const keyOf = (subject: string, kind: DocumentKind) => `${subject}/${kind}`;

const tooLarge: VaultError = { code: 'VALIDATION', message: '', messageKey: 'errors.documents.tooLarge' };

export function usePhotos(client: PhoneApiClient, events: PhotoEvents) {
  const [photos, setPhotos] = useState<Readonly<Record<string, Photo>>>({});
  const eventsRef = useRef(events);
  useEffect(() => {
    eventsRef.current = events;
  });
  const uploads = useRef(new Map<string, UploadHandle>());
  const previews = useRef(new Map<string, string>());
  const serials = useRef(0);

  // Released when the form goes away.
  useEffect(() => {
    const held = previews.current;
    const sending = uploads.current;
    return () => {
      for (const url of held.values()) URL.revokeObjectURL(url);
      for (const upload of sending.values()) upload.cancel();
      held.clear();
      sending.clear();
    };
  }, []);

  const update = useCallback((key: string, serial: number, patch: Partial<Photo>) => {
    setPhotos((current) => {
      const photo = current[key];
      return photo && photo.serial === serial ? { ...current, [key]: { ...photo, ...patch } } : current;
    });
  }, []);

  const send = useCallback(
    (photo: Pick<Photo, 'serial' | 'subject' | 'kind' | 'file'>) => {
      const key = keyOf(photo.subject, photo.kind);
      uploads.current.get(key)?.cancel();
      if (photo.file.size > PHOTO_SIZE_LIMIT) {
        update(key, photo.serial, { status: 'failed', error: tooLarge });
        return;
      }
      // One render per percent, not per progress event; 100 only once the listener has taken it.
      let shown = 0;
      const upload = client.upload(photo.kind, photo.subject, photo.file, (fraction) => {
        const percent = Math.min(99, Math.floor(fraction * 100));
        if (percent === shown) return;
        shown = percent;
        update(key, photo.serial, { percent });
      });
      uploads.current.set(key, upload);
      void upload.done.then((answer) => {
        if (uploads.current.get(key) !== upload) return;
        uploads.current.delete(key);
        if (answer.ok) {
          update(key, photo.serial, { status: 'sent', percent: 100, documentId: answer.value.documentId });
        } else {
          update(key, photo.serial, { status: 'failed', error: answer.error });
          if (isSessionGone(answer)) eventsRef.current.onSessionGone();
        }
      });
    },
    [client, update],
  );

  /** A photo taken or chosen: shown at once, sent, and (a card's back) read for its QR code. */
  const take = useCallback(
    (subject: string, kind: DocumentKind, file: Blob) => {
      const key = keyOf(subject, kind);
      const serial = ++serials.current;
      const earlier = previews.current.get(key);
      if (earlier) URL.revokeObjectURL(earlier);
      const previewUrl = URL.createObjectURL(file);
      previews.current.set(key, previewUrl);
      setPhotos((current) => ({
        ...current,
        [key]: { serial, subject, kind, file, previewUrl, status: 'sending', percent: 0, ...(kind === 'card_back' ? { qr: { state: 'reading' } } : {}) },
      }));
      send({ serial, subject, kind, file });
      if (kind === 'card_back') {
        void readNumberFromCardPhoto(file).then((number) => {
          update(key, serial, { qr: number ? { state: 'read', number } : { state: 'none' } });
          if (number) eventsRef.current.onQrNumber(subject, number);
        });
      }
    },
    [send, update],
  );

  /** Sends a photo that failed once more. */
  const retry = useCallback(
    (photo: Photo) => {
      update(keyOf(photo.subject, photo.kind), photo.serial, { status: 'sending', percent: 0, error: undefined });
      send(photo);
    },
    [send, update],
  );

  /** Drops every photo of a subject (a dependent removed, or never saved). */
  const forget = useCallback((subject: string) => {
    const prefix = `${subject}/`;
    for (const [key, url] of previews.current) {
      if (!key.startsWith(prefix)) continue;
      URL.revokeObjectURL(url);
      previews.current.delete(key);
      uploads.current.get(key)?.cancel();
      uploads.current.delete(key);
    }
    setPhotos((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith(prefix))));
  }, []);

  const photoOf = useCallback((subject: string, kind: DocumentKind): Photo | undefined => photos[keyOf(subject, kind)], [photos]);

  const documentIdOf: DocumentIdOf = useCallback(
    (subject, kind) => {
      const photo = photos[keyOf(subject, kind)];
      return photo?.status === 'sent' ? photo.documentId : undefined;
    },
    [photos],
  );

  /** Whether a photo of these subjects is still being sent. */
  const sending = useCallback((subjects: readonly string[]) => Object.values(photos).some((p) => p.status === 'sending' && subjects.includes(p.subject)), [photos]);

  return useMemo(() => ({ take, retry, forget, photoOf, documentIdOf, sending }), [take, retry, forget, photoOf, documentIdOf, sending]);
}

export type Photos = ReturnType<typeof usePhotos>;

/** A HEIC/HEIF photo (an iPhone's default): most browsers cannot show one, so no preview is tried. */
export const isHeif = (file: Blob) => /^image\/hei[cf]/i.test(file.type) || (file instanceof File && /\.hei[cf]$/i.test(file.name));
