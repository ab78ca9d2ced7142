// Collection e-mails (収集メール): the templates (stored in the vault, the defaults until an admin
// edits them; a template with an unknown placeholder, without {URL} in its body, or with {URL}
// in its subject is refused), and sending a batch — an invitation or a reminder — to chosen
// registrants or a filter's, within the caller's groups. Each mail issues a new link (the
// previous one stops working) and is queued in the outbox, rendered and sealed, in the one
// transaction that issues the links; the sender (outbox-sender.ts) delivers it. Those without
// an e-mail address are listed back; those of a status the kind does not go to are counted.
// Progress and failures are read within the caller's groups; failed mails can be queued again
// (with new links, since a link is never kept).
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_MAIL_TEMPLATES,
  MAIL_RECIPIENT_STATUSES,
  MAIL_TEMPLATE_FIELDS,
  formatJapaneseDateTime,
  renderMail,
  templatesProblem,
  type MailKind,
  type MailTemplates,
} from '../../../../src-shared/collection-mail';
import { MAX_MAIL_RECIPIENTS, type RegistrantRow } from '../../../../src-shared/contract';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { MailMessage } from '../../platform/mail/mailer';
import type { RegistrantsService } from '../registrants';
import type { InvitationsService, IssuedLink } from './invitations-service';
import type { BatchCounts, OutboxRepository } from './outbox-repository';
import type { OutboxSender } from './outbox-sender';
import { resolveRecipients, type RecipientTarget } from './recipients';
import type { CollectionRepository } from './repository';

/** Of those without an e-mail address, how many are named back. */
const NO_EMAIL_LISTED = 200;
/** How many of the latest batches the collection page shows. */
const RECENT_BATCHES = 10;

export interface MailServiceDeps {
  repository: CollectionRepository;
  outbox: OutboxRepository;
  invitations: InvitationsService;
  registrants: RegistrantsService;
  sender: Pick<OutboxSender, 'wake' | 'retryNow'>;
  /** Whether mail can go out at all (an SMTP server is set, or a mailer was given to the core). */
  mailConfigured(): boolean;
}

const nameOf = (r: Pick<RegistrantRow, 'familyName' | 'givenName'>) => `${r.familyName} ${r.givenName}`;

export function createMailService({ repository, outbox, invitations, registrants, sender, mailConfigured }: MailServiceDeps) {
  const view = (c: BatchCounts) => ({ ...c, done: c.queued === 0 });

  function requireBatch(ctx: CallContext, batchId: string): BatchCounts {
    const counts = outbox.counts(batchId, registrants.scope(ctx));
    // A batch with nobody of the caller's groups in it does not exist for them.
    if (!counts) throw new AppError('NOT_FOUND', 'errors.collectionMail.batchNotFound');
    return counts;
  }

  /** The mail of one kind for one registrant and their new link. */
  function messageFor(templates: MailTemplates, kind: MailKind, registrant: RegistrantRow & { email: string }, link: IssuedLink, companyName: string): MailMessage {
    const { subject, text } = renderMail(templates, kind, {
      氏名: nameOf(registrant),
      URL: link.url,
      期限: formatJapaneseDateTime(link.expiresAt),
      会社名: companyName,
    });
    return { to: registrant.email, subject, text };
  }

  function assertReadyToSend() {
    const settings = repository.settings();
    if (!settings.passcodeHash || !settings.companyName) throw new AppError('VALIDATION', 'errors.collectionMail.passcodeFirst');
    if (!mailConfigured()) throw new AppError('CONFLICT', 'errors.mail.notConfigured');
    return settings;
  }

  return {
    templates() {
      const settings = repository.settings();
      return { templates: repository.mailTemplates(), defaults: DEFAULT_MAIL_TEMPLATES, companyName: settings.companyName, linkValidDays: settings.linkValidDays };
    },

    setTemplates(ctx: CallContext, templates: MailTemplates) {
      const problem = templatesProblem(templates);
      if (problem) throw new AppError('VALIDATION', problem.key, { params: problem.params });
      ctx.tx(() => {
        const previous = repository.mailTemplates();
        repository.setMailTemplates(templates);
        // Which texts changed, never the texts.
        const changed = MAIL_TEMPLATE_FIELDS.filter((f) => previous[f] !== templates[f]);
        ctx.audit({ action: 'collection.setMailTemplates', detail: { changed: changed.join(',') } });
      });
      return {};
    },

    send(ctx: CallContext, kind: MailKind, target: RecipientTarget) {
      const user = staffOf(ctx);
      const settings = assertReadyToSend();
      const result = ctx.tx(() => {
        const found = resolveRecipients(registrants, ctx, target, MAIL_RECIPIENT_STATUSES[kind], MAX_MAIL_RECIPIENTS);
        if (found.tooMany) throw new AppError('VALIDATION', 'errors.collectionMail.tooMany', { params: { maximum: MAX_MAIL_RECIPIENTS } });
        const withEmail = found.rows.filter((r): r is RegistrantRow & { email: string } => !!r.email);
        const noEmail = found.rows.filter((r) => !r.email);
        let batchId: string | null = null;
        if (withEmail.length > 0) {
          batchId = randomUUID();
          outbox.insertBatch({ id: batchId, kind, createdAt: ctx.now, createdBy: { id: user.id, label: user.loginId } });
          const templates = repository.mailTemplates();
          const issue = invitations.issuer(ctx, { issuedFor: 'mail', batchId });
          for (const r of withEmail) {
            const link = issue(r);
            outbox.enqueue({ batchId, registrantId: r.id, invitationId: link.invitationId, message: messageFor(templates, kind, r, link, settings.companyName) }, ctx.now);
          }
        }
        ctx.audit({
          action: 'collection.sendMail',
          detail: { kind, batchId, queued: withEmail.length, noEmail: noEmail.length, notApplicable: found.notApplicable, filtered: target.by === 'filter' },
        });
        return {
          batchId,
          queued: withEmail.length,
          skipped: {
            noEmail: noEmail.slice(0, NO_EMAIL_LISTED).map((r) => ({ registrantId: r.id, name: nameOf(r) })),
            noEmailTotal: noEmail.length,
            notApplicable: found.notApplicable,
          },
        };
      });
      sender.wake();
      return result;
    },

    /** Counts only (nobody named): not audited, and polled while a batch is sent. */
    status: (ctx: CallContext, batchId: string) => view(requireBatch(ctx, batchId)),

    batches(ctx: CallContext) {
      const scope = registrants.scope(ctx);
      return { rows: outbox.recentBatchIds(scope, RECENT_BATCHES).flatMap((id) => outbox.counts(id, scope) ?? []).map(view) };
    },

    /** The batch's failed mails, naming their registrants: audited. */
    failures(ctx: CallContext, batchId: string) {
      return ctx.tx(() => {
        requireBatch(ctx, batchId);
        const rows = outbox.failures(batchId, registrants.scope(ctx)).map((f) => ({
          id: f.id,
          registrantId: f.registrantId,
          name: nameOf(f),
          email: f.email,
          code: f.code,
          text: f.text,
          attempts: f.attempts,
          at: f.at,
        }));
        ctx.audit({ action: 'collection.outboxFailures', detail: { batchId, returned: rows.length } });
        return { rows };
      });
    },

    /**
     * Queues the batch's failed mails (within the caller's groups) again, each with a new link
     * and the templates as they are now; those who no longer qualify (submitted since, no
     * e-mail address any more) stay failed. Mails still waiting are tried again at once.
     */
    retryFailed(ctx: CallContext, batchId: string) {
      const settings = assertReadyToSend();
      const result = ctx.tx(() => {
        requireBatch(ctx, batchId);
        const kind = outbox.kindOf(batchId)!;
        const templates = repository.mailTemplates();
        const issue = invitations.issuer(ctx, { issuedFor: 'mail', batchId });
        let requeued = 0;
        let notApplicable = 0;
        for (const failed of outbox.failures(batchId, registrants.scope(ctx))) {
          const r = registrants.require(ctx, failed.registrantId);
          if (!r.email || !MAIL_RECIPIENT_STATUSES[kind].includes(r.status)) {
            notApplicable += 1;
            continue;
          }
          const link = issue(r);
          outbox.requeue(failed.id, r.id, link.invitationId, messageFor(templates, kind, { ...r, email: r.email }, link, settings.companyName), ctx.now);
          requeued += 1;
        }
        ctx.audit({ action: 'collection.retryFailed', detail: { batchId, requeued, notApplicable } });
        return { requeued, notApplicable };
      });
      sender.retryNow();
      return result;
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
