// The sender that drains the collection e-mails' outbox: a few mails at a time (the pooled SMTP
// connections), oldest first. Each row is settled as soon as the server has answered, with an
// audit entry naming the registrant (never the link or the body); the answers of the mails
// that finish within SETTLE_WINDOW_MS of one another share one commit (a thousand commits,
// each synced to disk, would cost more than the mails):
//   sent — the sealed message wiped;
//   failed — the server refused the recipient or the message (5xx to RCPT/DATA), or the link
//     stopped working before the mail left (replaced, revoked, expired, 完了): the sealed message
//     wiped, the reason kept, scrubbed of anything like a token;
//   queued again — the server could not be reached, or answered "try later" (4xx), or no SMTP
//     server is set: tried again with a growing delay (the whole queue waits when the server
//     is the problem), until the link expires.
// Nothing waits in memory only: a row stays queued in the database until it is settled, and
// start() (when the vault opens) resumes every queued row. A mail the server accepted just as
// the app died, before its row was settled (within SETTLE_WINDOW_MS), is sent again after the
// restart: at least once.
import type { MailFailureCode } from '../../../../src-shared/collection-mail';
import type { AuditReason } from '../../../../src-shared/audit-vocabulary';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { Mailer } from '../../platform/mail/mailer';
import { linkState, type InvitationState } from './link-state';
import type { OutboxRepository, QueuedMail } from './outbox-repository';
import type { InvitationRecord } from './repository';

export interface OutboxRetry {
  /** The first delay after a failure to reach the server; it doubles with each further one. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_OUTBOX_RETRY: OutboxRetry = { baseMs: 10_000, maxMs: 10 * 60_000 };
/** Mails in flight at once: as many as the pooled mailer keeps connections, and one more to keep them busy. */
export const OUTBOX_CONCURRENCY = 4;
/** Answers arriving within this long of the first waiting one are written in one commit. */
export const SETTLE_WINDOW_MS = 100;
/** ... and at most this many. */
const SETTLE_BATCH = 200;

export interface OutboxSenderDeps {
  outbox: OutboxRepository;
  mailer: Mailer;
  /** A context for the sender's own commits and audit entries (no actor: the app itself). */
  context(): CallContext;
  retry?: OutboxRetry;
  concurrency?: number;
  log(line: string): void;
}

/** How a failure to send reads: its code, the server's words (scrubbed) and whether the row or the server is at fault. */
export interface MailFailure {
  code: Extract<MailFailureCode, 'smtp_rejected' | 'smtp_unavailable' | 'not_configured'>;
  text: string | null;
  /** final: settle the row as failed; row: try this row again later; server: the whole queue waits. */
  retry: 'final' | 'row' | 'server';
}

const TEXT_MAX = 300;

/**
 * The server's reply (or an error's message) fit to keep and show: without the mail's own
 * link, without anything that looks like a URL or a token (a run of 20 or more letters,
 * digits, '-' or '_'), on one line, at most TEXT_MAX characters.
 */
export function scrubReply(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('…');
  out = out
    .replace(/\bhttps?:\/\/\S+/gi, '[URL]')
    .replace(/#[A-Za-z0-9_-]{8,}/g, '#…')
    .replace(/[A-Za-z0-9_-]{20,}/g, '…')
    // Control characters (a reply is one line on the screen).
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > TEXT_MAX ? `${out.slice(0, TEXT_MAX - 1)}…` : out;
}

/** Commands whose refusal is about this one mail (its recipient or its content), not the server or the settings. */
const MAIL_COMMANDS = /^(RCPT TO|DATA|end of data|message)$/i;

export function classifyMailError(err: unknown, secrets: readonly string[]): MailFailure {
  if (err instanceof AppError && err.messageKey === 'errors.mail.notConfigured') return { code: 'not_configured', text: null, retry: 'server' };
  const e = (err ?? {}) as { responseCode?: unknown; command?: unknown; response?: unknown; message?: unknown };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const command = typeof e.command === 'string' ? e.command : '';
  const words = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : 'error';
  const text = scrubReply(words, secrets);
  const aboutThisMail = responseCode !== null && MAIL_COMMANDS.test(command);
  if (aboutThisMail && responseCode >= 500) return { code: 'smtp_rejected', text, retry: 'final' };
  if (aboutThisMail && responseCode >= 400) return { code: 'smtp_unavailable', text, retry: 'row' };
  // Unreachable, refused at the greeting, the login or the sender address: the server or the settings.
  return { code: 'smtp_unavailable', text, retry: 'server' };
}

/** A link that no longer opens: the mail is not sent, and why. */
const DEAD_LINK: Partial<Record<InvitationState, { code: MailFailureCode; reason: AuditReason }>> = {
  expired: { code: 'link_expired', reason: 'link_expired' },
  replaced: { code: 'link_replaced', reason: 'link_revoked' },
  revoked: { code: 'link_replaced', reason: 'link_revoked' },
  blocked: { code: 'link_replaced', reason: 'link_revoked' },
  completed: { code: 'completed', reason: 'link_completed' },
};

function secretsOf(mail: QueuedMail): string[] {
  const url = /\bhttps?:\/\/\S+/.exec(mail.message?.text ?? '')?.[0];
  const token = url?.split('#')[1];
  return [url ?? '', token ?? ''].filter(Boolean);
}

export function createOutboxSender({ outbox, mailer, context, retry = DEFAULT_OUTBOX_RETRY, concurrency = OUTBOX_CONCURRENCY, log }: OutboxSenderDeps) {
  /** Taking rows (between start and stop). */
  let accepting = false;
  /** Stopped: the database may be closed, nothing is written any more. */
  let closed = false;
  let active = 0;
  const inFlight = new Set<string>();
  /** Rows waiting for their next try (the server said "later" to them): not before this time. */
  const notBefore = new Map<string, number>();
  /** The whole queue waits until then (the server could not be reached), longer each time in a row. */
  let pausedUntil = 0;
  let pauses = 0;
  let timer: NodeJS.Timeout | null = null;
  let settledWaiters: (() => void)[] = [];

  const delay = (n: number) => Math.min(retry.maxMs, retry.baseMs * 2 ** Math.max(0, n - 1));

  function wakeAt(at: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        pump();
      },
      Math.max(0, at - Date.now()),
    );
    timer.unref();
  }

  /** The next rows to send: queued, not in flight, not waiting for a later try. */
  function nextRows(now: number, wanted: number): string[] {
    const ids = outbox.queuedIds(inFlight.size + settling.size + notBefore.size + wanted);
    return ids.filter((id) => !inFlight.has(id) && !settling.has(id) && (notBefore.get(id) ?? 0) <= now).slice(0, wanted);
  }

  function pump() {
    if (!accepting) return;
    const now = Date.now();
    if (now < pausedUntil) return wakeAt(pausedUntil);
    const wanted = concurrency - active;
    if (wanted <= 0) return;
    let ids: string[];
    try {
      ids = nextRows(now, wanted);
    } catch (err) {
      log(`outbox: reading the queue failed: ${err instanceof Error ? err.name : 'error'}`);
      return wakeAt(now + retry.baseMs);
    }
    for (const id of ids) {
      notBefore.delete(id);
      inFlight.add(id);
      active += 1;
      void deliver(id).finally(() => {
        active -= 1;
        inFlight.delete(id);
        if (active === 0) settledWaiters.splice(0).forEach((w) => w());
        pump();
      });
    }
    if (ids.length === 0 && active === 0 && notBefore.size > 0) wakeAt(Math.min(...notBefore.values()));
  }

  /** What a row's answer writes (inside the shared commit); false when the row was no longer queued. */
  type Write = (ctx: CallContext) => boolean;
  interface PendingWrite {
    id: string;
    write: Write;
    audit: ((ctx: CallContext) => void) | null;
  }
  /** Answers not yet committed; their rows stay out of nextRows() until they are. */
  let pendingWrites: PendingWrite[] = [];
  const settling = new Set<string>();
  let settleTimer: NodeJS.Timeout | null = null;

  /** Commits the waiting answers together. A failed commit leaves their rows queued: tried again. */
  function flushWrites() {
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = null;
    const writes = pendingWrites;
    pendingWrites = [];
    if (writes.length === 0 || closed) return;
    try {
      const ctx = context();
      ctx.tx(() => {
        for (const w of writes) if (w.write(ctx)) w.audit?.(ctx);
      });
    } catch (err) {
      log(`outbox: settling ${writes.length} mails failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'error'}`);
      for (const w of writes) notBefore.set(w.id, Date.now() + retry.baseMs);
    } finally {
      for (const w of writes) settling.delete(w.id);
    }
    pump();
  }

  function queueWrite(id: string, write: Write, audit: PendingWrite['audit'] = null) {
    settling.add(id);
    pendingWrites.push({ id, write, audit });
    if (pendingWrites.length >= SETTLE_BATCH) flushWrites();
    else settleTimer ??= setTimeout(flushWrites, SETTLE_WINDOW_MS);
  }

  /** Settles a row (sent or failed) with its audit entry, in the next shared commit. */
  function settle(mail: QueuedMail, write: Write, audit: { outcome: 'success' | 'failure'; reason?: AuditReason; smtpReply?: number | null }) {
    queueWrite(mail.id, write, (ctx) =>
      ctx.audit({
        action: 'collection.mailSent',
        outcome: audit.outcome,
        targetType: 'registrant',
        targetId: mail.registrantId,
        detail: { batchId: mail.batchId, kind: mail.kind, attempts: mail.attempts + 1, ...(audit.reason ? { reason: audit.reason } : {}), ...(audit.smtpReply ? { smtpReply: audit.smtpReply } : {}) },
      }),
    );
  }

  async function deliver(id: string) {
    try {
      const mail = outbox.queued(id);
      if (!mail) return;
      const ctx = context();
      if (!mail.message) {
        settle(mail, (c) => outbox.markFailed(id, 'unreadable', null, false, c.now), { outcome: 'failure', reason: 'mail_failed' });
        return;
      }
      const dead = DEAD_LINK[linkState(mail.link as InvitationRecord, mail.registrantStatus, ctx.now)];
      if (dead) {
        settle(mail, (c) => outbox.markFailed(id, dead.code, null, false, c.now), { outcome: 'failure', reason: dead.reason });
        return;
      }
      try {
        await mailer.send(mail.message);
      } catch (err) {
        if (closed) return;
        const failure = classifyMailError(err, secretsOf(mail));
        const smtpReply = typeof (err as { responseCode?: unknown })?.responseCode === 'number' ? (err as { responseCode: number }).responseCode : null;
        if (failure.retry === 'final') {
          settle(mail, (c) => outbox.markFailed(id, failure.code, failure.text, true, c.now), { outcome: 'failure', reason: 'mail_rejected', smtpReply });
          return;
        }
        queueWrite(id, (c) => outbox.markRetry(id, failure.code, failure.text, c.now));
        if (failure.retry === 'server') {
          // The mails in flight with this one fail alike: one outage, one longer wait.
          if (Date.now() >= pausedUntil) {
            pauses += 1;
            pausedUntil = Date.now() + delay(pauses);
            log(`outbox: ${failure.code === 'not_configured' ? 'no SMTP server is set' : `SMTP unavailable (${failure.text ?? 'error'})`}; next try in ${delay(pauses)} ms`);
          }
        } else {
          notBefore.set(id, Date.now() + delay(mail.attempts + 1));
        }
        return;
      }
      if (closed) return;
      pauses = 0;
      // The server has the mail: settled now, even while stopping (the database is still open).
      settle(mail, (c) => outbox.markSent(id, c.now), { outcome: 'success' });
    } catch (err) {
      if (closed) return;
      // Reading the row failed: it stays queued and is tried again.
      log(`outbox: reading a queued mail failed: ${err instanceof Error ? err.name : 'error'}`);
      notBefore.set(id, Date.now() + retry.baseMs);
    }
  }

  return {
    /** Resumes every queued row (when the vault opens). */
    start() {
      accepting = true;
      closed = false;
      pump();
    },
    /** New rows were queued. */
    wake: () => pump(),
    /** Tries every queued row again now, without waiting for its delay (HR asked). */
    retryNow() {
      notBefore.clear();
      pausedUntil = 0;
      pump();
    },
    /** Stops taking rows; waits (at most `waitMs`) for the mails in flight to be settled. */
    async stop(waitMs = 10_000) {
      accepting = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (active > 0) {
        await new Promise<void>((resolve) => {
          settledWaiters.push(resolve);
          setTimeout(resolve, waitMs).unref();
        });
      }
      flushWrites();
      closed = true;
      settledWaiters = [];
      mailer.close?.();
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
