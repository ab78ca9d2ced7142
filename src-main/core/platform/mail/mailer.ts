// Outgoing mail, injected into the core; the desktop app and the harness wire nodemailer.
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Closes what it holds open (a pool of connections); sending afterwards opens anew. */
  close?(): void;
}
