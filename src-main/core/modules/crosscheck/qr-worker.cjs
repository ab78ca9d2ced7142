// The QR decoder's thread (see qr.ts): jsQR is plain synchronous JavaScript and takes a few
// hundred milliseconds on a large photo, so it runs here and never on the core's thread, which
// also serves the LAN listener. It gets one frame of RGBA pixels at a time and answers with the
// code's text or null, to the core only: it logs nothing and keeps nothing.
// CommonJS, and plain JavaScript, so that Node runs this same file in development and tests;
// scripts/build-electron.mjs bundles it (jsQR included) as dist/electron/qr-worker.cjs, beside
// the core host, where qr.ts finds it by the same relative name.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker script */
const { parentPort } = require('node:worker_threads');
const jsqr = require('jsqr');

const decode = typeof jsqr === 'function' ? jsqr : jsqr.default;

/** The code's text in one frame, or null. */
function read(frame) {
  try {
    // A card is dark print on a light ground: the inverted attempt would double the time.
    const code = decode(new Uint8ClampedArray(frame.pixels), frame.width, frame.height, { inversionAttempts: 'dontInvert' });
    return code ? code.data : null;
  } catch {
    return null;
  }
}

parentPort.on('message', (frame) => parentPort.postMessage({ id: frame.id, text: read(frame) }));
