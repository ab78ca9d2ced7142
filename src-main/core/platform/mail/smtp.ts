// Outgoing mail over the SMTP server set in the app (nodemailer).
import nodemailer from 'nodemailer';
import { AppError } from '../../kernel/errors';
import type { Mailer, MailMessage } from './mailer';

export interface SmtpSettings {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  password: string;
  from: string;
}

export function smtpTransport(s: SmtpSettings, pool?: { maxConnections: number }) {
  return nodemailer.createTransport({
    ...(pool ? { pool: true, maxConnections: pool.maxConnections, maxMessages: 100 } : {}),
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

/** The mailer used when none is injected: the SMTP server from the settings, read at each send. */
export function createSmtpMailer(smtpSettings: () => SmtpSettings | null): Mailer {
  return {
    async send(message: MailMessage) {
      const smtp = smtpSettings();
      if (!smtp) throw new AppError('INTERNAL', 'errors.mail.notConfigured');
      await smtpTransport(smtp).sendMail({ from: smtp.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}


/** Connections a pooled mailer keeps open to the server at most. */
export const POOL_CONNECTIONS = 3;

/**
 * A mailer for many mails in a row (the collection outbox): a pool of up to POOL_CONNECTIONS
 * connections kept open between mails, made again when the settings change, closed by close().
 */
export function createPooledSmtpMailer(smtpSettings: () => SmtpSettings | null): Mailer {
  let pool: { settings: string; transport: ReturnType<typeof smtpTransport> } | null = null;
  const close = () => {
    pool?.transport.close();
    pool = null;
  };
  return {
    async send(message: MailMessage) {
      const smtp = smtpSettings();
      if (!smtp) throw new AppError('INTERNAL', 'errors.mail.notConfigured');
      const settings = JSON.stringify(smtp);
      if (pool?.settings !== settings) {
        close();
        pool = { settings, transport: smtpTransport(smtp, { maxConnections: POOL_CONNECTIONS }) };
      }
      await pool.transport.sendMail({ from: smtp.from, to: message.to, subject: message.subject, text: message.text });
    },
    close,
  };
}
