// Helpers for the LAN listener's tests: a core with the real listener on 127.0.0.1 (a free
// port) and its generated certificate, and HTTPS requests that verify that certificate as
// their only trusted CA (verification stays on; nothing global is changed).
import https from 'node:https';
import { generate } from 'otplib';
import type { IncomingHttpHeaders } from 'node:http';
import type { Core } from '../../src-main/core/index';
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

export async function openLanVault(options: LanListenerOptions & { passcode?: string | null; requireBirthDate?: boolean } = {}): Promise<LanVault> {
  const dataDir = tempDir('mnv-lan-');
  const clock = testClock();
  const core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }), clock, listenerHost: createLanListenerHost(options) });
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
