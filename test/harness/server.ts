// The harness web server: the built admin UI with `window.vault` bridged to the core over
// POST /__ipc/<channel>. Loopback only; every response carries the app's CSP.
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Core } from '../../src-main/core';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import type { Result } from '../../src-shared/errors';
import { buildBridgeScript, injectBridge } from './bridge';
import type { OffsetClock } from './clock';

export const SESSION_COOKIE = 'mnv_harness_session';
const IPC_BODY_LIMIT = 64 * 1024 * 1024;
const MAX_CLOCK_ADVANCE_MS = 366 * 24 * 60 * 60 * 1000;

export interface HarnessServerOptions {
  core: Core;
  /** dist/renderer: admin/index.html and the shared assets/. */
  rendererDir: string;
  clock: OffsetClock;
  /** Exposes POST /__test/clock. */
  testClock: boolean;
}

function refusal(code: 'FORBIDDEN' | 'VALIDATION' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export async function createHarnessServer({ core, rendererDir, clock, testClock }: HarnessServerOptions) {
  const app = Fastify({ logger: false });
  await app.register(fastifyCookie);

  const indexFile = path.join(rendererDir, 'admin', 'index.html');
  const indexHtml = fs.existsSync(indexFile) ? injectBridge(fs.readFileSync(indexFile, 'utf8')) : null;
  const bridgeScript = await buildBridgeScript();
  const sessions = new Set<string>();

  const host = () => `127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  app.addHook('onRequest', async (request, reply) => {
    // A page on another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing.
    if (request.headers.host !== host()) return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'no-store');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    return payload;
  });

  /** Only the page itself may call: JSON, from this origin (no simple cross-site form posts). */
  async function sameOriginJsonOnly(request: FastifyRequest, reply: FastifyReply) {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const site = request.headers['sec-fetch-site'];
    const ok =
      mediaType === 'application/json' &&
      request.headers.origin === `http://${host()}` &&
      (site === undefined || site === 'same-origin');
    if (!ok) return reply.code(403).send(refusal('FORBIDDEN', '許可されていない呼び出し元です'));
  }

  function sessionFor(request: FastifyRequest, reply: FastifyReply): string {
    const existing = request.cookies[SESSION_COOKIE];
    if (existing && sessions.has(existing)) return existing;
    const key = core.openSession();
    sessions.add(key);
    reply.setCookie(SESSION_COOKIE, key, { httpOnly: true, sameSite: 'strict', path: '/' });
    return key;
  }

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!indexHtml) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('管理画面がビルドされていません。先に npm run build:renderer を実行してください。');
    }
    sessionFor(request, reply);
    return reply.type('text/html; charset=utf-8').send(indexHtml);
  };
  app.get('/', sendIndex);
  app.get('/admin/', sendIndex);
  app.get('/admin/index.html', sendIndex);

  // Progress of the page's own long jobs (csv.importCommit with a jobId, …) as server-sent
  // events: bound to the session cookie, so a page hears only the jobs its own session started.
  const progressStreams = new Set<ServerResponse>();
  app.get('/__jobs/progress', async (request, reply) => {
    const key = request.cookies[SESSION_COOKIE];
    const site = request.headers['sec-fetch-site'];
    if (!key || !sessions.has(key) || (site !== undefined && site !== 'same-origin')) {
      return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
    }
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    stream.write(': open\n\n');
    progressStreams.add(stream);
    const unsubscribe = core.onJobProgress((sessionKey, progress) => {
      if (sessionKey === key) stream.write(`data: ${JSON.stringify(progress)}\n\n`);
    });
    request.raw.on('close', () => {
      unsubscribe();
      progressStreams.delete(stream);
    });
  });
  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const stream of progressStreams) stream.end();
  });

  app.get('/__bridge.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(bridgeScript));

  app.post<{ Params: { channel: string } }>(
    '/__ipc/:channel',
    { onRequest: sameOriginJsonOnly, bodyLimit: IPC_BODY_LIMIT },
    async (request, reply) => {
      const key = sessionFor(request, reply);
      const result = await core.call(key, request.params.channel, request.body);
      return reply.type('application/json; charset=utf-8').send(result);
    },
  );

  if (testClock) {
    app.post<{ Body: { advanceMs?: unknown } }>('/__test/clock', { onRequest: sameOriginJsonOnly }, async (request, reply) => {
      const advanceMs = request.body?.advanceMs;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0 || advanceMs > MAX_CLOCK_ADVANCE_MS) {
        return reply.code(400).send(refusal('VALIDATION', 'advanceMs には0以上の数値（ミリ秒）を指定してください'));
      }
      return { ok: true, value: { now: clock.advance(advanceMs).toISOString(), offsetMs: clock.offsetMs } };
    });
  }

  if (fs.existsSync(rendererDir)) {
    await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: false, wildcard: true });
  }

  app.setNotFoundHandler((_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not Found'));

  app.setErrorHandler((error: { statusCode?: number; name?: string }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) process.stderr.write(`[harness] ${request.method} ${request.url.split('?')[0]}: ${error.name ?? 'Error'}\n`);
    const body =
      status === 413
        ? refusal('VALIDATION', 'データが大きすぎます')
        : status < 500
          ? refusal('VALIDATION', 'リクエストの形式が正しくありません')
          : refusal('INTERNAL', '処理中にエラーが発生しました');
    return reply.code(status).send(body);
  });

  return {
    app,
    async listen(port: number): Promise<string> {
      await app.listen({ host: '127.0.0.1', port });
      return `http://${host()}`;
    },
    close: () => app.close(),
  };
}
