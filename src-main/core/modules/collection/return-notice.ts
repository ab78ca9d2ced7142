// When HR sends a registrant's own submission back (差戻し), the registrant is told by e-mail,
// with HR's reason, to open their link again and hand it in once more. The mail carries no
// link (a link is shown only when issued and never kept) and no number (a reason cannot hold
// one). It goes out after the decision is committed, never holding it up; whether it went is
// audited, never its text.
import type { MailMessage, Mailer } from '../../platform/mail/mailer';
import type { PhoneContextFactory } from '../../kernel/phone-context';
import { ANONYMOUS } from '../../kernel/principal';

export interface ReturnNoticeDeps {
  mailer: Mailer;
  mailConfigured(): boolean;
  companyName(): string;
  contextFor: PhoneContextFactory;
  log(line: string): void;
}

export interface ReturnedSubmission {
  submissionId: string;
  registrant: { id: string; familyName: string; givenName: string; email: string | null };
  reason: string;
}

export function returnNoticeMessage(to: string, name: string, companyName: string, reason: string): MailMessage {
  const company = companyName || '人事担当';
  return {
    to,
    subject: `【${company}】マイナンバーの再提出のお願い`,
    text: [
      `${name} 様`,
      '',
      'ご提出いただいたマイナンバーと本人確認書類を確認しましたが、次の理由により差し戻しました。',
      '',
      `理由：${reason}`,
      '',
      'お手数ですが、以前お送りしたリンクをもう一度開き、内容を直して提出してください。',
      'リンクが見つからない場合や期限が切れている場合は、人事担当者にお問い合わせください。',
      '',
      `${company} 人事担当`,
    ].join('\n'),
  };
}

export function createReturnNotice({ mailer, mailConfigured, companyName, contextFor, log }: ReturnNoticeDeps) {
  const audit = (returned: ReturnedSubmission, outcome: 'success' | 'failure', reason?: 'no_email' | 'not_sent' | 'mail_failed') => {
    const ctx = contextFor('collection.returnNotice', ANONYMOUS);
    ctx.tx(() =>
      ctx.audit({ action: 'collection.returnNotice', outcome, targetType: 'registrant', targetId: returned.registrant.id, detail: { submissionId: returned.submissionId, ...(reason ? { reason } : {}) } }),
    );
  };
  return {
    /** Called once the return is committed; the mail goes out on its own. */
    afterReturn(returned: ReturnedSubmission): void {
      const { registrant } = returned;
      if (!registrant.email) return audit(returned, 'failure', 'no_email');
      if (!mailConfigured()) return audit(returned, 'failure', 'not_sent');
      const message = returnNoticeMessage(registrant.email, `${registrant.familyName} ${registrant.givenName}`, companyName(), returned.reason);
      setImmediate(() => {
        mailer.send(message).then(
          () => audit(returned, 'success'),
          (err: unknown) => {
            log(`return notice not sent: ${err instanceof Error ? err.name : 'Error'}`);
            audit(returned, 'failure', 'mail_failed');
          },
        );
      });
    },
  };
}

export type ReturnNotice = ReturnType<typeof createReturnNotice>;
