// The thread that scores passwords for the core (scorer.ts starts it): zxcvbn's dictionaries
// (some 24 MB once built) live here, not in the core's heap that every garbage collection
// marks, and a check (150–300 ms) holds up no request of the desktop app or the phones.
// { id, password, userInputs } in, { id, score } out, to the core only: it logs nothing and
// keeps nothing. Plain JavaScript, so Node runs this file as it is in development and in the
// tests; the app's build bundles it (zxcvbn included) beside the core host (scripts/build-electron.mjs).
import { parentPort } from 'node:worker_threads';
import { passwordScore } from '../../../../src-shared/password-score.mjs';

parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, score: passwordScore(job.password, job.userInputs) }));
