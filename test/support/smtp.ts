// A real SMTP server on 127.0.0.1 (smtp-server) that keeps what it receives.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  /** The six-digit code of the latest mail to `to` (mails carry exactly one). */
  lastCodeFor(to: string): string;
  waitForMail(to: string, count?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Listen on this port (a server started again where a stopped one was); 0, the default: any free one. */
  port?: number;
  /** The reply text with which RCPT TO is refused (550) for this recipient, or null to accept it. */
  refuseRecipient?: (address: string) => string | null;
}

export async function startSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Closing waits this long for clients to hang up (a pooled mailer keeps its connections open).
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRecipient?.(address.address) ?? null;
      if (refusal === null) return callback();
      const err = new Error(refusal) as Error & { responseCode: number };
      err.responseCode = 550;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        waiters.splice(0).forEach((w) => w());
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.server.address() as AddressInfo).port;
  const mailsTo = (to: string) => mails.filter((m) => m.to.includes(to));
  return {
    port,
    mails,
    lastCodeFor(to) {
      const mail = mailsTo(to).at(-1);
      const decoded = mail ? decodeBody(mail.raw) : '';
      const match = /確認コード:\s*(\d{6})/.exec(decoded);
      if (!match) throw new Error(`no code in the latest mail to ${to}`);
      return match[1]!;
    },
    async waitForMail(to, count = 1) {
      const deadline = Date.now() + 10_000;
      while (mailsTo(to).length < count) {
        if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return mailsTo(to)[count - 1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes the text part of a simple nodemailer message (quoted-printable or base64). */
export function decodeBody(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The Subject header of a raw message, its encoded words (RFC 2047, B or Q) decoded. */
export function decodeSubject(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const folded = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? '';
  return folded
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    )
    .trim();
}
