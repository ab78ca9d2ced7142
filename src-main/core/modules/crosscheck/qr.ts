// Reading the QR code on the back of a マイナンバーカード: sharp turns the stored JPEG into RGBA
// pixels (libvips works on its own threads), and jsQR decodes them in a worker thread
// (qr-worker.cjs), so a large photo never holds up the core's thread and the LAN listener on
// it. One worker, started when first needed and kept; it does not keep the process alive
// while idle. jsQR finds a code at any angle, so only the scale is varied.
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { IMAGE_MAX_EDGE, IMAGE_MAX_PIXELS } from '../documents/image';

/** Beside this file in the sources, beside the core host in the built app (scripts/build-electron.mjs). */
const QR_WORKER = new URL('./qr-worker.cjs', import.meta.url);

/**
 * The long sides tried, smallest first: a code that fills a good part of the photo is found
 * quickly in a small frame; a small one in a large photo needs more pixels.
 */
const QR_EDGES = [800, 1600, IMAGE_MAX_EDGE];

/** A frame that takes longer than this has hung the worker: it is stopped and started again. */
const FRAME_TIMEOUT_MS = 15_000;

export interface QrReader {
  /** The text of the QR code found in the image, or null (none, unreadable, not an image). */
  read(image: Buffer): Promise<string | null>;
  close(): Promise<void>;
  /** 1 while its thread runs, else 0. */
  workers(): number;
}

interface Answer {
  id: number;
  text: unknown;
}

export function createQrReader(): QrReader {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, (text: string | null) => void>();

  function start(): Worker {
    // A small heap: jsQR's frames are typed arrays outside it, and its own objects are few (a
    // worker's default young generation alone held some 20 MB more at the peak, measured).
    const started = new Worker(QR_WORKER, { resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
    started.on('message', (answer: Answer) => {
      const resolve = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (waiting.size === 0) started.unref();
      resolve?.(typeof answer.text === 'string' ? answer.text : null);
    });
    // Whatever went wrong ends the thread; what is waiting is answered on its exit.
    started.on('error', () => undefined);
    started.on('exit', () => {
      if (worker === started) worker = null;
      for (const resolve of waiting.values()) resolve(null);
      waiting.clear();
    });
    started.unref();
    return started;
  }

  function decode(pixels: Buffer, width: number, height: number): Promise<string | null> {
    const thread = (worker ??= start());
    const id = nextId++;
    // A copy the worker can own (sharp's buffers cannot always be transferred).
    const transferable = new ArrayBuffer(pixels.byteLength);
    new Uint8Array(transferable).set(pixels);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(null);
        void thread.terminate();
      }, FRAME_TIMEOUT_MS);
      waiting.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      thread.ref();
      thread.postMessage({ id, pixels: transferable, width, height }, [transferable]);
    });
  }

  return {
    async read(image) {
      let previousWidth = 0;
      for (const edge of QR_EDGES) {
        const { data, info } = await sharp(image, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error' })
          .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
          .ensureAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        // A photo smaller than this edge gives the same frame as the last one.
        if (info.width === previousWidth) continue;
        previousWidth = info.width;
        const text = await decode(data, info.width, info.height);
        if (text !== null) return text;
      }
      return null;
    },
    async close() {
      const thread = worker;
      worker = null;
      if (thread) await thread.terminate();
    },
    workers: () => (worker ? 1 : 0),
  };
}
