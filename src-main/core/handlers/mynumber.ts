// My Numbers: HR stores a registrant's number (after checking identity in person) and looks
// at it for a stated purpose of use. Viewers reach neither (the contract's role list); the
// reveal also needs the password re-entered and is audited with its purpose, in the same
// transaction that reads the number.
import type { CallContext, Handler } from './context';
import { AppError } from '../errors';
import type { NumberSubject } from '../services/my-numbers';

const SUBJECT_NOT_FOUND = '登録者が見つかりません';

function registrantSubject(ctx: CallContext, registrantId: string): NumberSubject {
  if (!ctx.vault.registrants.findById(registrantId)) throw new AppError('NOT_FOUND', SUBJECT_NOT_FOUND);
  return { type: 'registrant', id: registrantId };
}

export const purposesList: Handler<'purposes.list'> = (_input, ctx) => ({ rows: ctx.vault.purposes.listActive() });

export const myNumberSet: Handler<'mynumber.set'> = (input, ctx) => {
  ctx.tx(() => {
    const subject = registrantSubject(ctx, input.subject.registrantId);
    if (ctx.vault.myNumbers.otherHolder(subject, input.myNumber)) {
      throw new AppError('CONFLICT', 'このマイナンバーは別の登録者に登録されています。番号と登録者を確かめてください');
    }
    const before = ctx.vault.registrants.findById(subject.id)!;
    const outcome = ctx.vault.myNumbers.set(subject, input.myNumber, ctx.user!.id, ctx.now);
    // Entered by HR after checking identity documents: collection for this person is done.
    if (before.status !== 'completed') ctx.vault.registrants.setStatus(subject.id, 'completed', ctx.now);
    ctx.audit({
      action: 'mynumber.set',
      targetType: subject.type,
      targetId: subject.id,
      detail: { outcome, fromStatus: before.status, toStatus: 'completed' },
    });
  });
  return {};
};

export const myNumberReveal: Handler<'mynumber.reveal'> = (input, ctx) => {
  return ctx.tx(() => {
    const purpose = ctx.vault.purposes.findActive(input.purposeId);
    if (!purpose) throw new AppError('VALIDATION', '利用目的を選んでください');
    const subject = registrantSubject(ctx, input.subject.registrantId);
    const digits = ctx.vault.myNumbers.open(subject);
    if (digits === null) throw new AppError('NOT_FOUND', 'この登録者のマイナンバーはまだ登録されていません');
    ctx.audit({
      action: 'mynumber.reveal',
      targetType: subject.type,
      targetId: subject.id,
      detail: { purposeId: purpose.id, purpose: purpose.label },
    });
    return { myNumber: digits };
  });
};
