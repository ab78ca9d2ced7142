// My Numbers: HR stores a registrant's number (after checking identity in person) and looks
// at it for a stated purpose of use. Viewers reach neither (the access table); the reveal also
// needs the password re-entered and is audited with its purpose in the same transaction that
// reads the number. Refusals are audited too, never with the number.
import type { AuditEntry } from '../../platform/audit/audit-log';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { RegistrantStatusService, RegistrantsService } from '../registrants';
import type { PurposeRepository } from './purposes-repository';
import type { MyNumberStore, NumberSubject } from './repository';

export interface MyNumbersDeps {
  store: MyNumberStore;
  purposes: PurposeRepository;
  registrants: RegistrantsService;
  status: RegistrantStatusService;
}

export function createMyNumbersService({ store, purposes, registrants, status }: MyNumbersDeps) {
  const subjectOf = (registrantId: string): NumberSubject => ({ type: 'registrant', id: registrantId });

  /** A refusal that is recorded (after the rollback) with its reason. */
  function refused(code: AppError['code'], key: ConstructorParameters<typeof AppError>[1], audit: AuditEntry): AppError {
    return new AppError(code, key, { audit: { outcome: 'failure', ...audit } });
  }

  return {
    purposes: () => ({ rows: purposes.listActive() }),

    set(ctx: CallContext, registrantId: string, digits: string) {
      const subject = subjectOf(registrantId);
      const attempt = { action: 'mynumber.set', targetType: subject.type, targetId: subject.id } as const;
      ctx.tx(() => {
        if (!registrants.exists(registrantId)) throw refused('NOT_FOUND', 'errors.registrants.notFound', { ...attempt, detail: { reason: 'not_found' } });
        if (store.otherHolder(subject, digits)) {
          throw refused('CONFLICT', 'errors.mynumber.heldElsewhere', { ...attempt, detail: { reason: 'number_held_elsewhere' } });
        }
        const outcome = store.set(subject, digits, ctx.user?.id ?? null, ctx.now);
        const change = status.numberStoredByStaff(registrantId, ctx.now);
        ctx.audit({ ...attempt, detail: { outcome, fromStatus: change.from, toStatus: change.to } });
      });
      return {};
    },

    reveal(ctx: CallContext, registrantId: string, purposeId: string) {
      const subject = subjectOf(registrantId);
      const attempt = { action: 'mynumber.reveal', targetType: subject.type, targetId: subject.id } as const;
      return ctx.tx(() => {
        const purpose = purposes.findActive(purposeId);
        if (!purpose) throw refused('VALIDATION', 'errors.mynumber.purposeRequired', { ...attempt, detail: { reason: 'no_purpose' } });
        if (!registrants.exists(registrantId)) {
          throw refused('NOT_FOUND', 'errors.registrants.notFound', { ...attempt, detail: { reason: 'not_found', purposeId: purpose.id } });
        }
        const digits = store.open(subject);
        if (digits === null) throw refused('NOT_FOUND', 'errors.mynumber.noNumberYet', { ...attempt, detail: { reason: 'no_number', purposeId: purpose.id } });
        ctx.audit({ ...attempt, detail: { purposeId: purpose.id, purpose: purpose.label } });
        return { myNumber: digits };
      });
    },
  };
}

export type MyNumbersService = ReturnType<typeof createMyNumbersService>;
