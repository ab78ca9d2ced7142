// The cross-check (issue 9, point 6): is the number the registrant typed the one on the photos
// of their documents? The back of a マイナンバーカード holds it as a QR code (qr.ts; its printed
// digits by OCR when the code does not read), a 通知カード or a 個人番号記載の住民票 in print
// (ocr.ts). The answer is advice for the reviewer, never a refusal: match, mismatch or
// unreadable. What is read never leaves this module — it is not stored, logged, returned or
// put in an error; only the verdict is. Every failure (garbage bytes, a crashed or hung
// worker) reads as unreadable. The heavy work runs off the core's thread, one check at a time,
// on one worker thread at a time (the QR reader's or tesseract's: the other is ended first);
// the thread ends after a while without checks (tesseract's WebAssembly memory is given back
// only when its thread ends) and starts again for the next one.
import type { CrossCheckVerdict } from '../../../../src-shared/contract/crosscheck';
import { myNumberFromQrText, myNumbersInPrintedText, printedTextShows } from '../../../../src-shared/card-number';
import { normalizeMyNumberInput } from '../../../../src-shared/text';
import type { DocumentKind } from '../documents';
import { createOcrReader, defaultLangPath } from './ocr';
import { createQrReader } from './qr';

export type { CrossCheckVerdict };

export interface CrossCheckImage {
  kind: DocumentKind;
  /** The stored JPEG, as the upload pipeline wrote it (documents/image.ts). */
  image: Buffer;
}

export interface CrossCheck {
  /** Never rejects: anything that goes wrong reads as 'unreadable'. */
  verdict(images: readonly CrossCheckImage[], typedNumber: string): Promise<CrossCheckVerdict>;
  /** Stops the workers; later verdicts are 'unreadable'. */
  close(): Promise<void>;
  /** Worker threads running now (0 while idle). */
  workers(): number;
}

/** How long the workers are kept after the last check. */
const IDLE_MS = 30_000;

/** The documents that show the number; card_front and photo_id do not. */
const NUMBER_DOCUMENTS: ReadonlySet<DocumentKind> = new Set(['card_back', 'notice_card', 'resident_record']);

export function createCrossCheck(options: { langPath?: string; idleMs?: number } = {}): CrossCheck {
  const qr = createQrReader();
  const ocr = createOcrReader(options.langPath ?? defaultLangPath());
  let closed = false;
  // One check at a time: each waits for the one before it.
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  /** Once nothing is queued, the workers end after IDLE_MS (queued too, so never under a check). */
  function stopWhenIdle() {
    clearTimeout(idleTimer);
    if (queued > 0 || closed) return;
    idleTimer = setTimeout(() => {
      if (queued > 0 || closed) return;
      queue = queue.then(() => Promise.all([qr.close(), ocr.close()])).catch(() => undefined);
    }, options.idleMs ?? IDLE_MS);
    idleTimer.unref();
  }

  // One worker thread at a time: the other reader's thread has ended before one starts. Both
  // at once held tesseract's WebAssembly heap (some 100 MB, kept from the previous check) under
  // the QR thread and its frames, on top of what a burst of uploads left in the core (measured
  // on the collection-load benchmark). A card back whose code reads, the usual case, needs no
  // OCR; one whose code does not costs tesseract's start (about a second) again.
  async function readQr(image: Buffer): Promise<string | null> {
    await ocr.close();
    return qr.read(image);
  }
  async function readPrinted(image: Buffer): Promise<string | null> {
    await qr.close();
    return ocr.read(image);
  }

  /**
   * What one image shows: the typed number, another valid number, or nothing readable. The
   * back of the card by its QR code when that reads, otherwise (and the other documents) by
   * the printed digits.
   */
  async function read({ kind, image }: CrossCheckImage, typed: string): Promise<'typed' | 'other' | 'nothing'> {
    if (kind === 'card_back') {
      const fromQr = myNumberFromQrText((await readQr(image)) ?? '');
      if (fromQr) return fromQr === typed ? 'typed' : 'other';
    }
    const text = (await readPrinted(image)) ?? '';
    if (printedTextShows(text, typed)) return 'typed';
    return myNumbersInPrintedText(text, { unbroken: kind === 'resident_record' }).length > 0 ? 'other' : 'nothing';
  }

  async function check(images: readonly CrossCheckImage[], typedNumber: string): Promise<CrossCheckVerdict> {
    const typed = normalizeMyNumberInput(typedNumber);
    let readOther = false;
    for (const document of images) {
      if (closed) return 'unreadable';
      if (!NUMBER_DOCUMENTS.has(document.kind)) continue;
      // An image that cannot be decoded shows nothing; the others still count.
      const shown = await read(document, typed).catch(() => 'nothing' as const);
      if (shown === 'typed') return 'match';
      readOther ||= shown === 'other';
    }
    return readOther ? 'mismatch' : 'unreadable';
  }

  return {
    verdict(images, typedNumber) {
      if (closed) return Promise.resolve('unreadable');
      queued++;
      clearTimeout(idleTimer);
      const run = queue.then(() => check(images, typedNumber)).finally(() => {
        queued--;
        stopWhenIdle();
      });
      queue = run.catch(() => undefined);
      return run.catch((): CrossCheckVerdict => 'unreadable');
    },
    workers: () => qr.workers() + ocr.workers(),
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      await queue;
      await Promise.all([qr.close(), ocr.close()]);
    },
  };
}
