// My Numbers: HR stores the number of a registrant or of one of their dependents (after
// checking identity in person) and looks at it for a stated purpose of use. Viewers reach
// neither (the access table); the reveal also needs the password re-entered and is audited with
// its purpose in the same transaction that reads the number. Refusals are audited too, never
// with the number. A number is reached only through its registrant (NOT_FOUND outside what the
// caller may see), and a completed registrant's numbers are locked until an admin unlocks it.
import type { NumberSubjectInput } from '../../../../src-shared/contract';
import type { AuditEntry } from '../../platform/audit/audit-log';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { DependentsService } from '../dependents';
import type { RegistrantsService } from '../registrants';
import type { RecordLock, StatusService } from '../status';
import type { PurposeRepository } from './purposes-repository';
import type { MyNumberStore, NumberSubject, SealedNumber, SetOutcome } from './repository';

/** A number of an imported file, by its blind index, with who held each of the file's indexes when looked up. */
export interface IndexedNumber {
  blindIndex: string;
  holders: ReadonlyMap<string, NumberSubject>;
}

const sameSubject = (a: NumberSubject, b: NumberSubject) => a.type === b.type && a.id === b.id;

export interface MyNumbersDeps {
  store: MyNumberStore;
  purposes: PurposeRepository;
  registrants: RegistrantsService;
  dependents: DependentsService;
  status: StatusService;
  lock: RecordLock;
  /**
   * Whether a number entered by HR needs a second user's approval now (the proxy-entry
   * setting). Then storing one directly is refused: it goes through a proxy entry and review.
   */
  reviewRequired(): boolean;
}

type Registrant = ReturnType<RegistrantsService['require']>;

interface Target {
  subject: NumberSubject;
  /** The registrant the number belongs to, or whose dependent it belongs to. */
  registrant: Registrant;
}

type Detail = NonNullable<AuditEntry['detail']>;

export function createMyNumbersService({ store, purposes, registrants, dependents, status, lock, reviewRequired }: MyNumbersDeps) {
  const subjectOf = (input: NumberSubjectInput): NumberSubject =>
    'registrantId' in input ? { type: 'registrant', id: input.registrantId } : { type: 'dependent', id: input.dependentId };

  /** A refusal that is recorded (after the rollback) with its reason. */
  function refused(code: AppError['code'], key: ConstructorParameters<typeof AppError>[1], audit: AuditEntry): AppError {
    return new AppError(code, key, { audit: { outcome: 'failure', ...audit } });
  }

  /** The subject and its registrant, or NOT_FOUND (audited) when absent or out of the caller's sight. */
  function resolve(ctx: CallContext, input: NumberSubjectInput, attempt: AuditEntry, detail: Detail = {}): Target {
    const subject = subjectOf(input);
    try {
      if (subject.type === 'registrant') return { subject, registrant: registrants.require(ctx, subject.id) };
      return { subject, registrant: dependents.require(ctx, subject.id).registrant };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
      throw refused('NOT_FOUND', err.messageKey, { ...attempt, detail: { reason: 'not_found', ...detail } });
    }
  }

  /**
   * Stores the subject's number unless someone else holds it (CONFLICT, audited with `context`),
   * and audits the storing (with `context` and `done`). Call inside a transaction, once the
   * caller's own rules have passed.
   */
  function keep(ctx: CallContext, subject: NumberSubject, digits: string, context: Detail = {}, done: Detail = {}): SetOutcome {
    const attempt = { action: 'mynumber.set', targetType: subject.type, targetId: subject.id } as const;
    if (store.otherHolder(subject, digits)) {
      throw refused('CONFLICT', 'errors.mynumber.heldElsewhere', { ...attempt, detail: { reason: 'number_held_elsewhere', ...context } });
    }
    const outcome = store.set(subject, digits, ctx.user?.id ?? null, ctx.now);
    ctx.audit({ ...attempt, detail: { outcome, ...context, ...done } });
    return outcome;
  }

  function standingOf(subject: NumberSubject, number: IndexedNumber): 'this' | 'elsewhere' | 'none' {
    const holder = number.holders.get(number.blindIndex);
    return !holder ? 'none' : sameSubject(holder, subject) ? 'this' : 'elsewhere';
  }

  return {
    purposes: () => ({ rows: purposes.listActive() }),

    set(ctx: CallContext, input: NumberSubjectInput, digits: string) {
      const subject = subjectOf(input);
      const attempt = { action: 'mynumber.set', targetType: subject.type, targetId: subject.id } as const;
      ctx.tx(() => {
        const target = resolve(ctx, input, attempt);
        // Four eyes, when the setting asks for them: no number goes in on one user's word.
        if (reviewRequired()) throw refused('CONFLICT', 'errors.mynumber.reviewRequired', { ...attempt, detail: { reason: 'review_required' } });
        if (subject.type === 'registrant') {
          // 完了 by HR's own entry (or a correction while unlocked); refused while locked or pending.
          const change = status.move(ctx, target.registrant, 'completed', 'staffEntry', { action: 'mynumber.set' });
          keep(ctx, subject, digits, {}, { fromStatus: change.from, toStatus: change.to });
        } else {
          lock.assertEditable(ctx, target.registrant, { action: 'mynumber.set', targetType: 'dependent', targetId: subject.id });
          keep(ctx, subject, digits, { registrantId: target.registrant.id });
        }
      });
      return {};
    },

    reveal(ctx: CallContext, input: NumberSubjectInput, purposeId: string) {
      const subject = subjectOf(input);
      const attempt = { action: 'mynumber.reveal', targetType: subject.type, targetId: subject.id } as const;
      return ctx.tx(() => {
        const purpose = purposes.findActive(purposeId);
        if (!purpose) throw refused('VALIDATION', 'errors.mynumber.purposeRequired', { ...attempt, detail: { reason: 'no_purpose' } });
        const target = resolve(ctx, input, attempt, { purposeId: purpose.id });
        const owner = subject.type === 'dependent' ? { registrantId: target.registrant.id } : {};
        const digits = store.open(subject);
        if (digits === null) {
          const key = subject.type === 'dependent' ? 'errors.mynumber.noDependentNumberYet' : 'errors.mynumber.noNumberYet';
          throw refused('NOT_FOUND', key, { ...attempt, detail: { reason: 'no_number', purposeId: purpose.id, ...owner } });
        }
        ctx.audit({ ...attempt, detail: { purposeId: purpose.id, purpose: purpose.label, ...owner } });
        return { myNumber: digits };
      });
    },

    /**
     * Whether HR may store a number without a second user's approval now (the proxy-entry
     * setting): the CSV import asks once per file, and sends its numbers for review otherwise.
     */
    directEntryAllowed: () => !reviewRequired(),
    /**
     * For the CSV import, which audits the file once with its counts and has asked
     * directEntryAllowed for the file: the rule of a number stored by HR (nobody else holding
     * it), without writing; whether it would change anything. The status move is the caller's.
     */
    checkImported(subject: NumberSubject, digits: string | IndexedNumber): 'unchanged' | 'stored' {
      const standing = typeof digits === 'string' ? (store.otherHolder(subject, digits) ? 'elsewhere' : store.holdsThis(subject, digits) ? 'this' : 'none') : standingOf(subject, digits);
      if (standing === 'elsewhere') throw new AppError('CONFLICT', 'errors.mynumber.heldElsewhere');
      return standing === 'this' ? 'unchanged' : 'stored';
    },
    /** Who holds an imported number: the subject itself, someone else, or nobody. */
    standingOf,
    /** The blind index of a number, and who holds each of a file's indexes (one query): the import's look-ups. */
    indexOf: (digits: string) => store.indexOf(digits),
    holdersOf: (indexes: readonly string[]) => store.holdersOf(indexes),
    /** The number sealed for its subject ahead of the commit (the preview keeps only this). */
    sealImported: (subject: NumberSubject, digits: string, blindIndex?: string) => store.sealFor(subject, digits, blindIndex),
    /** A number sealed by sealImported stored, its rule asked again on the file's look-ups. Inside the import's transaction. */
    keepSealed(ctx: CallContext, number: SealedNumber, holders: ReadonlyMap<string, NumberSubject>): SetOutcome {
      if (standingOf(number.subject, { blindIndex: number.blindIndex, holders }) === 'elsewhere') throw new AppError('CONFLICT', 'errors.mynumber.heldElsewhere');
      return store.setSealed(number, ctx.user?.id ?? null, ctx.now);
    },
    /** checkImported, then the number stored sealed. Call inside the import's transaction. */
    keepImported(ctx: CallContext, subject: NumberSubject, digits: string): SetOutcome {
      if (store.otherHolder(subject, digits)) throw new AppError('CONFLICT', 'errors.mynumber.heldElsewhere');
      return store.set(subject, digits, ctx.user?.id ?? null, ctx.now);
    },
    /**
     * Numbers sealed by sealImported for registrants created in this same import (holding none
     * yet), all at once, each rule asked again on the file's look-ups. Inside the import's transaction.
     */
    keepSealedNew(ctx: CallContext, numbers: readonly SealedNumber[], holders: ReadonlyMap<string, NumberSubject>): void {
      for (const n of numbers) {
        if (standingOf(n.subject, { blindIndex: n.blindIndex, holders }) === 'elsewhere') throw new AppError('CONFLICT', 'errors.mynumber.heldElsewhere');
      }
      store.addSealed(numbers, ctx.user?.id ?? null, ctx.now);
    },
    /** Whether the subject holds exactly this number. */
    holdsThis: (subject: NumberSubject, digits: string) => store.holdsThis(subject, digits),
    /**
     * For an export with numbers: the purpose checked (refused, audited under `action`, when
     * there is none), then a reader of the subjects' numbers. The caller reached the subjects
     * through their registrants' scope, and writes its audit entry, with the purpose, in the
     * same transaction as the reads.
     */
    openForExport(purposeId: string | undefined, action: 'csv.export') {
      const purpose = purposeId ? purposes.findActive(purposeId) : null;
      if (!purpose) throw refused('VALIDATION', 'errors.csv.purposeRequired', { action, detail: { reason: 'no_purpose' } });
      return { purpose, open: (subject: NumberSubject) => store.open(subject) };
    },
    /** For submissions: stores a number (conflicts refused and audited), inside the caller's transaction. */
    keep,
    /** Whether the subject holds a number. */
    holds: (subject: NumberSubject) => store.has(subject),
    /** Whether someone other than the subject holds this number (found through the blind index). */
    heldElsewhere: (subject: NumberSubject, digits: string) => store.otherHolder(subject, digits) !== null,
  };
}

export type MyNumbersService = ReturnType<typeof createMyNumbersService>;
