// Helpers for the LAN listener's tests: a core with the real listener on 127.0.0.1 (a free
// port) and its generated certificate, and HTTPS requests that verify that certificate as
// their only trusted CA (verification stays on; nothing global is changed).
import https from 'node:https';
import { generate } from 'otplib';
import type { IncomingHttpHeaders } from 'node:http';
import type { Core, CoreOptions } from '../../src-main/core/index';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { createLanListenerHost, type LanListenerOptions } from '../../src-main/lan';
import { ADMIN, must, setupAdmin, tempDir, testClock, TEST_PASSPHRASE } from './vault';

export const PASSCODE = 'sakura-2026';

export interface LanVault {
  core: Core;
  admin: string;
  adminUserId: string;
  clock: ReturnType<typeof testClock>;
  dataDir: string;
  port: number;
  ca: string;
  fingerprint: string;
  /** Lets time pass (at least 30 s), then signs the admin in again, as the idle lock will have engaged. */
  advance(ms: number): Promise<void>;
}

export async function openLanVault(
  options: LanListenerOptions & { passcode?: string | null; requireBirthDate?: boolean; outboxRetry?: CoreOptions['outboxRetry']; uploads?: CoreOptions['uploads'] } = {},
): Promise<LanVault> {
  const dataDir = tempDir('mnv-lan-');
  const clock = testClock();
  const core = await createCore({
    dataDir,
    keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }),
    clock,
    listenerHost: createLanListenerHost(options),
    outboxRetry: options.outboxRetry,
    ...(options.uploads ? { uploads: options.uploads } : {}),
  });
  const admin = await setupAdmin(core, clock);
  if (options.passcode !== null) {
    await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin.session, 'collection.configure', {
      companyName: '株式会社テスト',
      passcode: options.passcode ?? PASSCODE,
      requireBirthDate: options.requireBirthDate ?? false,
      linkValidDays: 14,
    });
  }
  const status = await core.lan.startOn({ host: '127.0.0.1', port: 0 });
  const port = Number(new URL(status.urls[0]!).port);
  const advance = async (ms: number) => {
    clock.advance(Math.max(ms, 30_000));
    const login = await must(core, admin.session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    await must(core, admin.session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: admin.totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
  };
  return { core, admin: admin.session, adminUserId: admin.userId, clock, dataDir, port, ca: status.certificatePem!, fingerprint: status.fingerprint!, advance };
}

export async function newRegistrant(core: Core, session: string, fields: Record<string, unknown> = {}): Promise<string> {
  const r = await must(core, session, 'registrants.create', { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', attributes: ['employee'], ...fields });
  return r.id as string;
}

/** Issues a link and returns its token (the URL's fragment) and URL. */
export async function issueLink(core: Core, session: string, registrantId: string): Promise<{ url: string; token: string }> {
  const { links } = await must(core, session, 'invitations.issue', { registrantIds: [registrantId] });
  const url = links[0].url as string;
  return { url, token: new URL(url).hash.slice(1) };
}

export interface PhoneResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

export function phoneRequest(
  vault: Pick<LanVault, 'port' | 'ca'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<PhoneResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: vault.port,
        method,
        path,
        ca: vault.ca,
        agent: false,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          'user-agent': 'Mozilla/5.0 (iPhone; test)',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const openLink = (vault: Pick<LanVault, 'port' | 'ca'>, body: Record<string, unknown>, headers?: Record<string, string>) =>
  phoneRequest(vault, 'POST', '/c/api/open', body, headers);

export interface UploadPart {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body of these parts, as a browser sends it. */
export function multipartBody(parts: UploadPart[]): { body: Buffer; contentType: string } {
  const boundary = `----mnvTestBoundary${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /c/api/documents with kind, subject and a file (named photo.jpg unless told otherwise). */
export function uploadDocument(
  vault: Pick<LanVault, 'port' | 'ca'>,
  session: string | null,
  form: { kind?: string; subject?: string; file: Buffer; filename?: string; contentType?: string },
): Promise<PhoneResponse> {
  const parts: UploadPart[] = [];
  if (form.kind !== undefined) parts.push({ name: 'kind', value: form.kind });
  if (form.subject !== undefined) parts.push({ name: 'subject', value: form.subject });
  parts.push({ name: 'file', value: form.file, filename: form.filename ?? 'photo.jpg', contentType: form.contentType ?? 'image/jpeg' });
  const { body, contentType } = multipartBody(parts);
  return sendBody(vault, '/c/api/documents', body, { 'content-type': contentType, ...(session ? { authorization: `Bearer ${session}` } : {}) });
}

/** Sends a body as it is (a Content-Length is added unless `chunked`). */
export function sendBody(vault: Pick<LanVault, 'port' | 'ca'>, urlPath: string, body: Buffer, headers: Record<string, string>, chunked = false): Promise<PhoneResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: vault.port,
        method: 'POST',
        path: urlPath,
        ca: vault.ca,
        agent: false,
        headers: { 'user-agent': 'Mozilla/5.0 (iPhone; test)', ...(chunked ? {} : { 'content-length': String(body.length) }), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Streams `total` bytes of a multipart file part, slowly enough to be answered midway; resolves
 * with the answer and how many bytes had been written when it came.
 */
export function streamLargeUpload(
  vault: Pick<LanVault, 'port' | 'ca'>,
  session: string,
  total: number,
  options: { declareLength: boolean },
): Promise<{ status: number; json: any; writtenWhenAnswered: number }> {
  const boundary = '----mnvLargeBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncard_front\r\n--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\nself\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(256 * 1024, 0x41);
  chunk.set([0xff, 0xd8, 0xff]);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = https.request(
      {
        host: '127.0.0.1',
        port: vault.port,
        method: 'POST',
        path: '/c/api/documents',
        ca: vault.ca,
        agent: false,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          authorization: `Bearer ${session}`,
          'user-agent': 'Mozilla/5.0 (iPhone; test)',
          ...(options.declareLength ? { 'content-length': String(head.length + total + tail.length) } : {}),
        },
      },
      (res) => {
        answered = true;
        const writtenWhenAnswered = written;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          req.destroy();
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, json, writtenWhenAnswered });
        });
      },
    );
    // Once answered, the server closes the connection: writes after that may fail.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      if (answered || req.destroyed) return;
      if (written === 0) req.write(head);
      while (written < total && !answered) {
        const n = Math.min(chunk.length, total - written);
        written += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', () => setTimeout(pump, 5));
          return;
        }
      }
      if (!answered) req.end(tail);
    };
    pump();
  });
}
