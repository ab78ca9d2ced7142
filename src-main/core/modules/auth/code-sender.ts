// Issues an e-mail code (login or reset) and mails it. The code leaves this file only in the
// mail; a mail that fails spends the code and is audited.
import type { UserRecord } from '../users/repository';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { Mailer } from '../../platform/mail/mailer';
import { codeMail } from './code-mail';
import { CODE_TTL_MS, type CodePurpose, type OneTimeCodes } from './one-time-codes';

export function createCodeSender({ codes, mailer, machineName }: { codes: OneTimeCodes; mailer: Mailer; machineName: string }) {
  const audited = (user: UserRecord) => ({ actorId: user.id, actorLabel: user.loginId, action: 'auth.codeSent' as const, targetType: 'user' as const, targetId: user.id });

  function issue(ctx: CallContext, user: UserRecord, purpose: CodePurpose) {
    return ctx.tx(() => {
      const issued = codes.issue(user.id, purpose, ctx.now);
      ctx.audit({ ...audited(user), detail: { purpose } });
      return issued;
    });
  }

  async function mail(ctx: CallContext, user: UserRecord, purpose: CodePurpose, issued: { id: string; code: string }): Promise<void> {
    try {
      await mailer.send(
        codeMail({
          to: user.email,
          displayName: user.displayName,
          code: issued.code,
          purpose,
          machine: machineName,
          requestedAt: ctx.now,
          expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MS),
        }),
      );
    } catch (err) {
      ctx.tx(() => {
        codes.consume(issued.id, ctx.now);
        ctx.audit({ ...audited(user), outcome: 'failure', detail: { purpose, reason: 'mail_failed' } });
      });
      throw err instanceof AppError ? err : new AppError('INTERNAL', 'errors.mail.failed');
    }
  }

  return {
    /** Sends and waits: the person is at the screen waiting for the code. Returns the code's id. */
    async send(ctx: CallContext, user: UserRecord, purpose: CodePurpose): Promise<string> {
      const issued = issue(ctx, user, purpose);
      await mail(ctx, user, purpose, issued);
      return issued.id;
    },
    /**
     * Issues now and mails after the reply (not even the mailer's first steps are on its path,
     * and a caller's transaction has committed), so the reply takes as long as one for nobody.
     */
    sendInBackground(ctx: CallContext, user: UserRecord, purpose: CodePurpose): string {
      const issued = issue(ctx, user, purpose);
      setImmediate(() => void mail(ctx, user, purpose, issued).catch(() => undefined));
      return issued.id;
    },
  };
}

export type CodeSender = ReturnType<typeof createCodeSender>;
