// Reading the printed digits of a 通知カード, a 住民票 (or a card whose QR code did not read)
// with tesseract.js, entirely offline: the English LSTM model ships in @tesseract.js-data/eng
// and is read from its folder (never a cache, never the CDN tesseract.js falls back to when no
// langPath is given), and tesseract's WebAssembly runs in its own worker thread. One worker,
// created when first needed and reused; a worker that fails or hangs is dropped and made again
// on the next read. Nothing is logged: tesseract's logger and error handler are silenced (its
// default error handler throws on the core's thread).
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker as Thread } from 'node:worker_threads';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { IMAGE_MAX_PIXELS } from '../documents/image';

/** The English model of @tesseract.js-data/eng: its LSTM-only "best_int" build, gzip. */
export function defaultLangPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** tesseract.js's worker options: local data only, no cache read or written, silent. */
export function tesseractOptions(langPath: string): Partial<Tesseract.WorkerOptions> {
  return { langPath, gzip: true, cacheMethod: 'none', logger: () => undefined, errorHandler: () => undefined };
}

/** The page segmentation for scattered text (a card's fields); digits, and the spaces between groups. */
const RECOGNITION_PARAMETERS: Partial<Tesseract.WorkerParams> = {
  tessedit_pageseg_mode: Tesseract.PSM.SPARSE_TEXT,
  tessedit_char_whitelist: '0123456789 ',
  // A photo carries no resolution: say one, rather than have tesseract guess (and warn).
  user_defined_dpi: '300',
  // Tesseract's own notes ("Detected 5 diacritics") would go to the process's output.
  debug_file: '/dev/null',
};

/** The long side OCR sees: a card's digits stay well legible, and the work stays short. */
const OCR_EDGE = 1600;
const START_TIMEOUT_MS = 60_000;
const RECOGNIZE_TIMEOUT_MS = 30_000;

export interface OcrReader {
  /** The digits tesseract found in the image, as lines of text; null when it could not read it. */
  read(image: Buffer): Promise<string | null>;
  close(): Promise<void>;
  /** 1 while its thread runs (or starts), else 0. */
  workers(): number;
}

/** The promise's value, or null once `ms` have passed (or `gone` has settled) first. */
function within<T>(promise: Promise<T>, ms: number, gone?: Promise<void>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, late, ...(gone ? [gone.then(() => null)] : [])]).finally(() => clearTimeout(timer));
}

interface Running {
  worker: Tesseract.Worker;
  /** Settles when the worker's thread has ended. */
  gone: Promise<void>;
}

export function createOcrReader(langPath: string): OcrReader {
  let running: Promise<Running | null> | null = null;

  async function start(): Promise<Running | null> {
    // tesseract.js never settles createWorker when its data cannot be read: look first.
    await access(path.join(langPath, 'eng.traineddata.gz'));
    const creating = Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, tesseractOptions(langPath));
    const worker = await within(creating, START_TIMEOUT_MS);
    if (!worker) {
      void creating.then((late) => late.terminate(), () => undefined);
      return null;
    }
    // The thread's end (a crash, or terminate()) answers whatever is waiting on it.
    const thread = (worker as unknown as { worker: Thread }).worker;
    const gone = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.on('error', () => undefined);
    const value = { worker, gone };
    if (!(await within(worker.setParameters(RECOGNITION_PARAMETERS).catch(() => null), START_TIMEOUT_MS, gone))) {
      await stop(value);
      return null;
    }
    return value;
  }

  /** Ends the worker's thread, and waits until it has. */
  async function stop(value: Running) {
    await value.worker.terminate().catch(() => undefined);
    await value.gone;
  }

  async function current(): Promise<Running | null> {
    running ??= start().catch(() => null);
    const value = await running;
    if (!value) running = null;
    return value;
  }

  async function drop(value: Running) {
    if (running && (await running) === value) running = null;
    await stop(value);
  }

  return {
    async read(image) {
      const input = await sharp(image, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error' })
        .resize({ width: OCR_EDGE, height: OCR_EDGE, fit: 'inside', withoutEnlargement: true })
        .greyscale()
        .normalise()
        .png()
        .toBuffer();
      const value = await current();
      if (!value) return null;
      const result = await within(
        // Straightened first: a card photographed a few degrees askew reads much better.
        value.worker.recognize(input, { rotateAuto: true }).catch(() => null),
        RECOGNIZE_TIMEOUT_MS,
        value.gone,
      );
      if (!result) {
        await drop(value);
        return null;
      }
      return result.data.text;
    },
    async close() {
      const pending = running;
      running = null;
      const value = await pending;
      if (value) await stop(value);
    },
    workers: () => (running ? 1 : 0),
  };
}
