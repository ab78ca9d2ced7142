// The completed lock: a registrant at 完了 refuses edits of identity fields and numbers (its
// own and its dependents'), and any move out of 完了, until an admin unlocks it with a reason.
// The unlock is the newest event of the status history (via 'unlock') and lasts UNLOCK_MINUTES;
// any later move of the status ends it. Every service that edits such data asks here.
import type { AuditAction, AuditTargetKind } from '../../../../src-shared/audit-vocabulary';
import type { RegistrantStatus } from '../../../../src-shared/domain';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { StatusRepository } from './repository';
import { IDENTITY_FIELDS, UNLOCK_MINUTES } from './table';

export interface LockableRegistrant {
  id: string;
  status: RegistrantStatus;
}

export interface EditAttempt {
  /** What was attempted: the refusal is audited under this action. */
  action: AuditAction;
  /** The row being changed; the registrant itself when absent. */
  targetType?: AuditTargetKind;
  targetId?: string;
  /** The fields the edit changes: only identity fields are locked. Absent: a number or a new dependent, always locked. */
  changed?: readonly string[];
}

export function createRecordLock(repository: StatusRepository) {
  function state(registrant: LockableRegistrant, now: Date): { locked: boolean; unlockedUntil: string | null } {
    if (registrant.status !== 'completed') return { locked: false, unlockedUntil: null };
    const last = repository.lastEvent(registrant.id);
    if (last?.via === 'unlock') {
      const until = new Date(new Date(last.at).getTime() + UNLOCK_MINUTES * 60_000);
      if (until.getTime() > now.getTime()) return { locked: false, unlockedUntil: until.toISOString() };
    }
    return { locked: true, unlockedUntil: null };
  }

  return {
    state,
    /** Refuses (LOCKED, audited as denied) an edit of a locked record. Call inside the edit's transaction. */
    assertEditable(ctx: CallContext, registrant: LockableRegistrant, attempt: EditAttempt): void {
      if (attempt.changed && !attempt.changed.some((field) => IDENTITY_FIELDS.includes(field))) return;
      if (!state(registrant, ctx.now).locked) return;
      throw new AppError('LOCKED', 'errors.status.locked', {
        audit: {
          action: attempt.action,
          outcome: 'denied',
          targetType: attempt.targetType ?? 'registrant',
          targetId: attempt.targetId ?? registrant.id,
          detail: { reason: 'record_locked', ...(attempt.targetType && attempt.targetType !== 'registrant' ? { registrantId: registrant.id } : {}) },
        },
      });
    },
  };
}

export type RecordLock = ReturnType<typeof createRecordLock>;
