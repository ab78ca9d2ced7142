// The LAN listener (DESIGN "The LAN listener"): fastify over HTTPS, TLS 1.2 at least, that
// serves nothing but the collect form under /c/ (its page and its hashed files, form-files.ts)
// and its JSON API under /c/api/, and answers
// every other path 404 with no detail. Helmet sets a strict CSP (default-src 'self', no
// framing) and no referrer; nothing is cached; bodies are small (uploads will have their
// own limit) and refused as soon as their declared size is too large; requests are rate
// limited per client address, and clients outside the allowed ranges are refused before
// anything else. It touches no SQL and no vault key: it calls the core's phone service.
// ID images come as multipart (POST /c/api/documents) with their own limits: one file of at
// most 15 MB and a few short fields; a body declared larger is refused before it is read, one
// that grows past the limit is cut off there, and either way the connection is closed. The core
// works a few uploads at a time; the others wait with their bodies unread (see the timeouts).
import type { AddressInfo } from 'node:net';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ListenerBinding, ListenerHost, PhoneClient, PhoneService, UploadForm } from '../core/lan-api';
import { normalAddress, UPLOAD_MAX_WAIT_MS } from '../core/lan-api';
import type { Result } from '../../src-shared/errors';
import { refusal, statusOf } from './answer';
import { registerFormFiles } from './form-files';
import { createUploadBuffers, type UploadBuffer, type UploadBuffers } from './upload-buffers';

/** The largest JSON body the phone API takes. */
export const JSON_BODY_LIMIT = 64 * 1024;
/** The largest image one upload carries (the core checks it again), and the whole body's. */
export const UPLOAD_FILE_LIMIT = 15 * 1024 * 1024;
export const UPLOAD_BODY_LIMIT = UPLOAD_FILE_LIMIT + 64 * 1024;

// Timeouts. A slow client is cut off by the first two; an upload waiting to be taken in by the
// core (up to UPLOAD_MAX_WAIT_MS, its body unread) is not idle by its own doing, so
// the idle timeout is suspended while it waits, and the whole request may take that wait plus
// a minute to send 15 MB (250 KB/s).
/** The request line and headers must arrive within this. */
const HEADERS_TIMEOUT_MS = 20_000;
/** A connection with nothing sent or received for this long is closed. */
const IDLE_TIMEOUT_MS = 60_000;
/** The whole request must arrive within this. */
const REQUEST_TIMEOUT_MS = UPLOAD_MAX_WAIT_MS + 60_000;
/** The buffers uploads are read into are let go after this long without an upload. */
const UPLOAD_BUFFERS_IDLE_MS = 30_000;
/** What a phone is told to wait before trying again when the core is too busy to take an upload. */
const BUSY_RETRY_AFTER_S = 30;

export interface LanListenerOptions {
  /** Requests per minute per client address, over everything. */
  requestsPerMinute?: number;
  /** Link openings per minute per client address (the passcode throttle comes on top). */
  opensPerMinute?: number;
  /**
   * The built phone form (dist/renderer/collect: index.html and assets/), served at /c/. Absent,
   * or not built, /c/ is a placeholder page.
   */
  formDir?: string;
  /** The buffers uploads are read into: made by the host unless given (tests give theirs to look into them). */
  uploadBuffers?: UploadBuffers;
}

const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'blob:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

function clientOf(request: FastifyRequest): PhoneClient {
  const ua = request.headers['user-agent'];
  return { address: normalAddress(request.socket.remoteAddress ?? ''), userAgent: typeof ua === 'string' ? ua : '' };
}

function bearerOf(request: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '');
  return match ? match[1]! : null;
}

const send = (reply: FastifyReply, result: Result<unknown>) => reply.code(statusOf(result)).type('application/json; charset=utf-8').send(result);

const isApi = (request: FastifyRequest) => request.url.startsWith('/c/api/');

const tooLargeAnswer = (reply: FastifyReply) =>
  reply.code(413).header('Connection', 'close').type('application/json; charset=utf-8').send(refusal('VALIDATION', 'errors.documents.tooLarge'));

/**
 * A file part's bytes, copied as they arrive into `into` (and the view of them returned), or
 * 'tooLarge' as soon as busboy reaches the size limit (it would otherwise read on to the end of
 * the part, discarding, before saying so) or the part would not fit.
 */
function readFilePart(stream: NodeJS.ReadableStream, into: UploadBuffer): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    let tooLarge = false;
    stream.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      if (into.used + chunk.length > into.bytes.length) {
        tooLarge = true;
        return resolve('tooLarge');
      }
      into.used += chunk.copy(into.bytes, into.used);
    });
    stream.once('limit', () => {
      tooLarge = true;
      resolve('tooLarge');
    });
    stream.once('end', () => resolve(tooLarge ? 'tooLarge' : into.bytes.subarray(0, into.used)));
    stream.once('error', reject);
  });
}

/**
 * Reads an upload's parts: the text fields and the one part named `file`, whose file name and
 * declared type are never looked at. `tooLarge` is set when a limit cut the body off.
 */
async function readUpload(request: FastifyRequest, state: { tooLarge: boolean }, into: UploadBuffer): Promise<Result<UploadForm>> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let file: Buffer | null = null;
  const badForm = () => refusal('VALIDATION', 'errors.documents.badForm');
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file !== null) return badForm();
        const bytes = await readFilePart(part.file, into);
        if (bytes === 'tooLarge') {
          state.tooLarge = true;
          return refusal('VALIDATION', 'errors.documents.tooLarge');
        }
        file = bytes;
      } else {
        if (typeof part.value !== 'string' || part.valueTruncated || part.fieldnameTruncated || part.fieldname in fields) return badForm();
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    // The file size limit (also caught as it is reached, above); too many parts, fields or files is a broken form.
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      state.tooLarge = true;
      return refusal('VALIDATION', 'errors.documents.tooLarge');
    }
    return badForm();
  }
  return { ok: true, value: { fields: { ...fields }, file } };
}

async function buildApp(phone: PhoneService, binding: ListenerBinding, options: LanListenerOptions, uploadBuffers: UploadBuffers): Promise<FastifyInstance> {
  const app = Fastify({
    // Timeouts are checked every few seconds (Node's default is every 30 s).
    https: { key: binding.keyPem, cert: binding.certPem, minVersion: 'TLSv1.2', connectionsCheckingInterval: 5_000 },
    logger: false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: false,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: IDLE_TIMEOUT_MS,
    forceCloseConnections: true,
    return503OnClosing: true,
    exposeHeadRoutes: false,
  });
  app.server.headersTimeout = HEADERS_TIMEOUT_MS;
  // JSON only: no text/plain parser, so a cross-site "simple" form post finds nothing to call.
  app.removeContentTypeParser('text/plain');

  await app.register(helmet, {
    contentSecurityPolicy: CSP,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    hsts: { maxAge: 31_536_000, includeSubDomains: false },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (phone.allows(clientOf(request).address)) return;
    return isApi(request)
      ? send(reply, refusal('FORBIDDEN', 'errors.collection.addressNotAllowed'))
      : reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
  });
  await app.register(rateLimit, {
    global: true,
    max: options.requestsPerMinute ?? 300,
    timeWindow: 60_000,
    keyGenerator: (request) => clientOf(request).address,
    errorResponseBuilder: (_request, context) => ({ statusCode: context.statusCode, rateLimited: true }),
  });

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    isApi(request) ? send(reply, refusal('NOT_FOUND', 'errors.collection.notFound')) : reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
  app.setNotFoundHandler(notFound);
  app.setErrorHandler((error: { code?: string; statusCode?: number; rateLimited?: boolean; name?: string }, _request, reply) => {
    if (error.rateLimited) return send(reply, refusal('RATE_LIMITED', 'errors.collection.tooManyAttempts'));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      // Answered at once and the connection closed: the rest of the body is never read in.
      reply.header('Connection', 'close');
      return reply.code(413).type('application/json; charset=utf-8').send(refusal('VALIDATION', 'errors.collection.bodyTooLarge'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).type('application/json; charset=utf-8').send(refusal('VALIDATION', 'errors.collection.badRequest'));
    }
    console.error(`[lan] internal error: ${error.name ?? 'Error'}`);
    return send(reply, refusal('INTERNAL', 'errors.internal'));
  });

  await registerFormFiles(app, options.formDir, notFound);
  app.post('/c/api/open', { config: { rateLimit: { max: options.opensPerMinute ?? 60, timeWindow: 60_000 } } }, async (request, reply) =>
    send(reply, await phone.open(request.body, clientOf(request))),
  );
  app.post('/c/api/state', async (request, reply) => send(reply, await phone.state(bearerOf(request), clientOf(request))));
  app.post('/c/api/submit', async (request, reply) => send(reply, await phone.submit(bearerOf(request), clientOf(request), request.body)));

  // Uploads, in their own scope: only this route parses multipart.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: UPLOAD_FILE_LIMIT, files: 1, fields: 4, parts: 6, fieldSize: 256, fieldNameSize: 64, headerPairs: 20 },
      throwFileSizeLimit: true,
    });
    scope.post('/c/api/documents', {
      // Declared too large: answered at once, before a byte of the body is read.
      onRequest: async (request, reply) => {
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > UPLOAD_BODY_LIMIT) return tooLargeAnswer(reply);
      },
      handler: async (request, reply) => {
        if (!request.isMultipart()) return send(reply.header('Connection', 'close'), refusal('VALIDATION', 'errors.documents.badForm'));
        const state = { tooLarge: false };
        // While it waits for a slot the body stays unread: not idle, and given up if the phone goes.
        const socket = request.raw.socket;
        const gone = new AbortController();
        const abandon = () => gone.abort();
        socket.once('close', abandon);
        socket.setTimeout(0);
        // The body goes into a kept buffer, taken once the core lets it be read and given back
        // once the core is done with the upload (it keeps no reference to the bytes past that).
        let buffer: UploadBuffer | undefined;
        const read = () => {
          socket.setTimeout(IDLE_TIMEOUT_MS);
          buffer = uploadBuffers.take();
          return readUpload(request, state, buffer);
        };
        const result = await phone.upload(bearerOf(request), clientOf(request), read, gone.signal).finally(() => {
          if (buffer) uploadBuffers.give(buffer);
          socket.off('close', abandon);
          socket.setTimeout(IDLE_TIMEOUT_MS);
        });
        if (state.tooLarge) return tooLargeAnswer(reply);
        // A refused upload may leave its body unread: the connection is not reused.
        if (!result.ok) reply.header('Connection', 'close');
        if (!result.ok && result.error.code === 'RATE_LIMITED') return reply.code(503).header('Retry-After', String(BUSY_RETRY_AFTER_S)).type('application/json; charset=utf-8').send(result);
        return send(reply, result);
      },
    });
  });
  return app;
}

/** The listener host the core drives (createCore's `listenerHost`). */
export function createLanListenerHost(options: LanListenerOptions = {}) {
  return (phone: PhoneService): ListenerHost => {
    let app: FastifyInstance | null = null;
    // As many kept as the core reads uploads at a time: no more are ever in hands at once.
    const uploadBuffers =
      options.uploadBuffers ?? createUploadBuffers({ capacity: UPLOAD_FILE_LIMIT, keep: phone.uploadLoad().receiving.limit, idleMs: UPLOAD_BUFFERS_IDLE_MS });
    async function stop() {
      const current = app;
      app = null;
      await current?.close();
      uploadBuffers.clear();
    }
    return {
      async start(binding) {
        await stop();
        const next = await buildApp(phone, binding, options, uploadBuffers);
        try {
          await next.listen({ host: binding.host, port: binding.port });
        } catch (err) {
          await next.close().catch(() => undefined);
          throw err;
        }
        app = next;
        return { port: (next.server.address() as AddressInfo).port };
      },
      stop,
    };
  };
}
