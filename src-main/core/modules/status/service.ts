// Registrant status: moves along the status table (table.ts) and nowhere else, each one kept
// in the history with who, when, from, to, by which path and why; the history read back; and
// an admin's unlock of a completed record. Other services (submissions, My Numbers) move the
// status through `move`, inside their own transactions.
import { can } from '../../../../src-shared/access';
import type { AuditAction } from '../../../../src-shared/audit-vocabulary';
import type { RegistrantStatus } from '../../../../src-shared/domain';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { RegistrantsService } from '../registrants';
import type { LockableRegistrant, RecordLock } from './lock';
import type { StatusEvent, StatusRepository } from './repository';
import { REVIEW_TRIGGERS, UNLOCK_MINUTES, manualMovesFrom, transitionOf, type Trigger } from './table';

export interface StatusChange {
  from: RegistrantStatus;
  to: RegistrantStatus;
  /** False when a number stored by HR found the registrant completed already. */
  moved: boolean;
}

export interface MoveOptions {
  /** The action the caller audits: a refusal for a locked record is recorded under it. */
  action: AuditAction;
  reason?: string | undefined;
  submissionId?: string | undefined;
}

export interface StatusDeps {
  repository: StatusRepository;
  lock: RecordLock;
  registrants: RegistrantsService;
}

export function createStatusService({ repository, lock, registrants }: StatusDeps) {
  /** The registrant, or NOT_FOUND when absent or outside what the caller may see. */
  const requireRegistrant = (ctx: CallContext, id: string) => registrants.require(ctx, id);

  /**
   * Moves the registrant's status along the table by `via`, or refuses: LOCKED out of a
   * locked 完了, CONFLICT off the table, VALIDATION without a reason the move requires.
   * Call inside the caller's transaction; the caller audits its own action.
   */
  function check(ctx: CallContext, registrant: LockableRegistrant, to: RegistrantStatus, via: Trigger, options: MoveOptions): { moves: boolean; reason: string | null } {
    const from = registrant.status;
    if (from === 'completed') lock.assertEditable(ctx, registrant, { action: options.action });
    // HR storing a number for someone already completed (and unlocked): a correction, no move.
    if (from === to && via === 'staffEntry') return { moves: false, reason: null };
    const edge = transitionOf(from, to);
    if (!edge || !edge.by.includes(via)) {
      if (from === 'pending' && !REVIEW_TRIGGERS.includes(via)) throw new AppError('CONFLICT', 'errors.status.submissionOpen');
      throw new AppError('CONFLICT', edge && via === 'manual' ? 'errors.status.notByHand' : 'errors.status.notAllowed');
    }
    const reason = edge.reason === 'none' ? null : (options.reason ?? null);
    if (edge.reason === 'required' && !reason) throw new AppError('VALIDATION', 'errors.status.reasonRequired');
    return { moves: true, reason };
  }

  function move(ctx: CallContext, registrant: LockableRegistrant, to: RegistrantStatus, via: Trigger, options: MoveOptions): StatusChange {
    const from = registrant.status;
    const { moves, reason } = check(ctx, registrant, to, via, options);
    if (!moves) return { from, to, moved: false };
    repository.setStatus(registrant.id, to, ctx.now);
    repository.record({
      registrantId: registrant.id,
      at: ctx.now.toISOString(),
      actorId: ctx.user?.id ?? null,
      actorLabel: ctx.user?.loginId ?? null,
      from,
      to,
      via,
      reason,
      submissionId: options.submissionId ?? null,
    });
    return { from, to, moved: true };
  }

  /**
   * For a registrant the caller creates in this transaction already moved (the CSV import
   * writes a new row with a number straight in 完了): the move from 未登録 asked of the table
   * as `move` asks it. Returns the status to write the row with and the history event, which
   * the caller keeps with `recordNew` once the row exists.
   */
  function moveNew(ctx: CallContext, id: string, to: RegistrantStatus, via: Trigger, options: MoveOptions): { status: RegistrantStatus; event: StatusEvent | null } {
    const { moves, reason } = check(ctx, { id, status: 'unregistered' }, to, via, options);
    if (!moves) return { status: 'unregistered', event: null };
    return {
      status: to,
      event: {
        registrantId: id,
        at: ctx.now.toISOString(),
        actorId: ctx.user?.id ?? null,
        actorLabel: ctx.user?.loginId ?? null,
        from: 'unregistered',
        to,
        via,
        reason,
        submissionId: options.submissionId ?? null,
      },
    };
  }

  return {
    move,
    moveNew,
    /** Keeps the moves of moveNew in the history, all at once, after their rows are written. */
    recordNew: (events: readonly StatusEvent[]) => repository.recordMany(events),
    /** Whether `move` would make this move: refuses as it would, and writes nothing (the CSV import's preview). */
    check,

    transition(ctx: CallContext, input: { registrantId: string; to: RegistrantStatus; reason?: string | undefined }) {
      return ctx.tx(() => {
        const registrant = requireRegistrant(ctx, input.registrantId);
        const change = move(ctx, registrant, input.to, 'manual', { action: 'registrants.transition', reason: input.reason });
        // The reason is kept in the history, not in the trail: a person may have typed anything.
        ctx.audit({
          action: 'registrants.transition',
          targetType: 'registrant',
          targetId: registrant.id,
          detail: { fromStatus: change.from, toStatus: change.to, via: 'manual', withReason: input.reason !== undefined },
        });
        return { status: change.to };
      });
    },

    history(ctx: CallContext, registrantId: string) {
      return ctx.tx(() => {
        const registrant = requireRegistrant(ctx, registrantId);
        const rows = repository.history(registrant.id).map(({ registrantId: _r, ...row }) => row);
        const { locked, unlockedUntil } = lock.state(registrant, ctx.now);
        const mayMove = !locked && can(ctx.user?.role, 'registrants.transition');
        const next = mayMove ? manualMovesFrom(registrant.status).map((t) => ({ to: t.to, reasonRequired: t.reason === 'required' })) : [];
        ctx.audit({ action: 'registrants.history', targetType: 'registrant', targetId: registrant.id, detail: { returned: rows.length } });
        return { rows, status: registrant.status, locked, unlockedUntil, next };
      });
    },

    unlock(ctx: CallContext, input: { registrantId: string; reason: string }) {
      return ctx.tx(() => {
        const registrant = requireRegistrant(ctx, input.registrantId);
        if (registrant.status !== 'completed') throw new AppError('CONFLICT', 'errors.status.notLocked');
        const until = new Date(ctx.now.getTime() + UNLOCK_MINUTES * 60_000).toISOString();
        repository.record({
          registrantId: registrant.id,
          at: ctx.now.toISOString(),
          actorId: ctx.user?.id ?? null,
          actorLabel: ctx.user?.loginId ?? null,
          from: 'completed',
          to: 'completed',
          via: 'unlock',
          reason: input.reason,
          submissionId: null,
        });
        ctx.audit({ action: 'registrants.unlock', targetType: 'registrant', targetId: registrant.id, detail: { until, minutes: UNLOCK_MINUTES } });
        return { until };
      });
    },
  };
}

export type StatusService = ReturnType<typeof createStatusService>;
