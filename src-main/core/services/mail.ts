// Outgoing mail over the SMTP server set in the app (nodemailer), and the texts of the
// mails the core sends. A mail names the machine that asked and when, so that a person who
// did not ask can tell.
import nodemailer from 'nodemailer';
import { AppError } from '../errors';
import type { Mailer, MailMessage } from '../mailer';
import type { Settings, SmtpSettings } from './settings';

export const MAIL_NOT_CONFIGURED = 'メール送信（SMTP）が設定されていません。管理者に連絡してください';
export const MAIL_FAILED = 'メールを送信できませんでした。しばらくしてから再度お試しください。続く場合は管理者に連絡してください';

export function smtpTransport(s: SmtpSettings) {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    auth: s.username ? { user: s.username, pass: s.password } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // Certificates are checked (TLS 1.2+); an office server with a private CA needs its CA in the OS store.
    tls: { minVersion: 'TLSv1.2' },
  });
}

/** The mailer used when none is injected: the SMTP server from the settings. */
export function createSettingsMailer(settings: Settings): Mailer {
  return {
    async send(message: MailMessage) {
      const smtp = settings.smtp();
      if (!smtp) throw new AppError('INTERNAL', MAIL_NOT_CONFIGURED);
      await smtpTransport(smtp).sendMail({ from: smtp.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

function jst(date: Date): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export interface CodeMailFacts {
  to: string;
  displayName: string;
  code: string;
  purpose: 'login' | 'reset';
  machine: string;
  requestedAt: Date;
  expiresAt: Date;
}

export function codeMail(f: CodeMailFacts): MailMessage {
  const what = f.purpose === 'login' ? 'ログイン' : 'パスワードの再設定';
  return {
    to: f.to,
    subject: `【MyNumber Vault】${what}の確認コード`,
    text: [
      `${f.displayName} 様`,
      '',
      `MyNumber Vault の${what}のための確認コードです。`,
      '',
      `  確認コード: ${f.code}`,
      `  有効期限:   ${jst(f.expiresAt)} まで（10分間・1回限り）`,
      '',
      `要求した端末: ${f.machine}`,
      `要求日時:     ${jst(f.requestedAt)}`,
      '',
      'この操作に心当たりがない場合は、コードを誰にも伝えず、このメールを破棄して管理者に連絡してください。',
      '',
      '— MyNumber Vault',
    ].join('\n'),
  };
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}
