// The thread that decodes HEIC/HEIF photos (heif-decoder.ts starts it). libheif in WebAssembly
// decodes synchronously, about a second for a 12-megapixel photo: here it holds up no one else.
// One photo at a time: { bytes, maxPixels } in; its first image's RGBA pixels out (the buffer
// moved, not copied), or why not: 'tooManyPixels' (told from the header, before any pixel is
// decoded) or 'unreadable'. Plain JavaScript, so Node runs this file as it is in development
// and in the tests; the app's build bundles it beside the core host (scripts/build-electron.mjs).
import { parentPort } from 'node:worker_threads';
import decodeHeif from 'heic-decode';

/** @param {Uint8Array} bytes @param {number} maxPixels */
async function decode(bytes, maxPixels) {
  let images;
  try {
    images = await decodeHeif.all({ buffer: bytes });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  try {
    const first = images[0];
    if (!first) return { ok: false, reason: 'unreadable' };
    if (first.width * first.height > maxPixels) return { ok: false, reason: 'tooManyPixels' };
    const decoded = await first.decode();
    return { ok: true, width: decoded.width, height: decoded.height, pixels: decoded.data };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    images.dispose();
  }
}

parentPort.on('message', async ({ bytes, maxPixels }) => {
  const result = await decode(bytes, maxPixels);
  parentPort.postMessage(result, result.ok ? [result.pixels.buffer] : []);
});
