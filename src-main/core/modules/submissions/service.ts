// Submissions and their review. A submission (the phone form's, later; HR's proxy entry 代理入力
// now) holds a registrant's number and dependents added or changed with theirs, sealed, and
// moves the registrant to 承認待ち. Someone other than its author approves it — in one
// transaction: numbers stored, dependents created or updated, status 完了, submission closed —
// or returns (差戻し) or declines (拒否) it with a reason. A setting decides whether a proxy
// entry waits for a second user at all; when it does not, it is applied as it is entered, as
// if HR had stored the numbers themselves. Reads never carry a number, and every access goes
// through the registrant's visibility: a submission out of sight is NOT_FOUND.
import { randomUUID } from 'node:crypto';
import { can } from '../../../../src-shared/access';
import type { AuditAction } from '../../../../src-shared/audit-vocabulary';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import { DOCUMENT_SET_KINDS, type DocumentSet } from '../../../../src-shared/contract/collect';
import type { DependentsService } from '../dependents';
import type { DocumentStore } from '../documents';
import type { MyNumbersService, NumberSubject } from '../mynumbers';
import { scopeCondition, type RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import type { OpenedNumbers, ProxyApproval, SubmissionRecord, SubmissionRepository, SubmissionState, SubmittedDependent } from './repository';

export interface SubmissionsDeps {
  repository: SubmissionRepository;
  registrants: RegistrantsService;
  dependents: DependentsService;
  myNumbers: MyNumbersService;
  status: StatusService;
  documents: DocumentStore;
  /** Told once a registrant's own submission has been sent back (the collection module mails them). */
  onReturned?: ((returned: { submissionId: string; registrant: { id: string; familyName: string; givenName: string; email: string | null }; reason: string }) => void) | undefined;
}

type Registrant = ReturnType<RegistrantsService['require']>;

/** What the phone form hands in (its shape checked by the phone API's schema). */
export interface FormSubmission {
  myNumber: string;
  documentSet: DocumentSet;
  documentIds: readonly string[];
  dependents: readonly (SubmittedDependent & { tempId: string })[];
}

export interface ProxyEntry {
  registrantId: string;
  myNumber?: string | undefined;
  dependents?: SubmittedDependent[] | undefined;
}

/** Stands for a dependent not created yet: anyone holding its number holds it elsewhere. */
const NEW_DEPENDENT: NumberSubject = { type: 'dependent', id: '' };

export function createSubmissionsService({ repository, registrants, dependents, myNumbers, status, documents, onReturned }: SubmissionsDeps) {
  /** The registrant, or NOT_FOUND when absent or outside what the caller may see. */
  const requireRegistrant = (ctx: CallContext, id: string) => registrants.require(ctx, id);

  /** The registrant if the caller may see them, else null. */
  function visibleRegistrant(ctx: CallContext, id: string): Registrant | null {
    try {
      return requireRegistrant(ctx, id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  /** The submission and its registrant; NOT_FOUND alike when absent or out of the caller's sight. */
  function requireSubmission(ctx: CallContext, id: string): { submission: SubmissionRecord; registrant: Registrant } {
    const submission = repository.findById(id);
    const registrant = submission ? visibleRegistrant(ctx, submission.registrantId) : null;
    if (!submission || !registrant) throw new AppError('NOT_FOUND', 'errors.submissions.notFound');
    return { submission, registrant };
  }

  function requirePending(submission: SubmissionRecord): void {
    if (submission.status !== 'pending') throw new AppError('CONFLICT', 'errors.submissions.notPending');
  }

  function reviewRequiredNow(): boolean {
    const setting = repository.proxyApproval();
    return setting === 'required' || (setting === 'auto' && repository.activeReviewers() >= 2);
  }

  function summaryOf(s: SubmissionRecord, r: Registrant) {
    return {
      id: s.id,
      registrantId: s.registrantId,
      registrant: { familyName: r.familyName, givenName: r.givenName, familyNameKana: r.familyNameKana, givenNameKana: r.givenNameKana, employeeCode: r.employeeCode },
      registrantStatus: r.status,
      source: s.source,
      status: s.status,
      reviewRequired: s.reviewRequired,
      enteredBy: s.enteredBy,
      createdAt: s.createdAt,
      decidedAt: s.decidedAt,
      hasMyNumber: s.hasMyNumber,
      dependentCount: s.dependents.length,
    };
  }

  /** The subject each number of a submission is meant for (a new dependent has none yet). */
  function numberSlots(registrantId: string, entry: { myNumber?: string | undefined; dependents: readonly { dependentId?: string | null | undefined; myNumber?: string | undefined }[] }) {
    const slots: { subject: NumberSubject; digits: string }[] = [];
    if (entry.myNumber) slots.push({ subject: { type: 'registrant', id: registrantId }, digits: entry.myNumber });
    for (const d of entry.dependents) if (d.myNumber) slots.push({ subject: d.dependentId ? { type: 'dependent', id: d.dependentId } : NEW_DEPENDENT, digits: d.myNumber });
    return slots;
  }

  /** CONFLICT (audited under `action`, never with the number) when another person holds one of the numbers. */
  function assertNumbersFree(action: AuditAction, target: { type: 'registrant' | 'submission'; id: string }, registrantId: string, slots: { subject: NumberSubject; digits: string }[]) {
    if (!slots.some((s) => myNumbers.heldElsewhere(s.subject, s.digits))) return;
    throw new AppError('CONFLICT', 'errors.mynumber.heldElsewhere', {
      audit: {
        action,
        outcome: 'failure',
        targetType: target.type,
        targetId: target.id,
        detail: { reason: 'number_held_elsewhere', ...(target.type === 'submission' ? { registrantId } : {}) },
      },
    });
  }

  /**
   * Applies a decided-on submission inside the caller's transaction: dependents created or
   * updated, then every number stored (each audited as mynumber.set, via the submission).
   */
  function apply(ctx: CallContext, submission: SubmissionRecord, registrant: Registrant, numbers: OpenedNumbers) {
    const via = { via: 'submission', submissionId: submission.id } as const;
    let added = 0;
    let changed = 0;
    let stored = 0;
    for (const entry of submission.dependents) {
      const { position: _p, dependentId, hasMyNumber: _h, birthDate, ...rest } = entry;
      const fields = { ...rest, birthDate: birthDate ?? undefined };
      let id: string;
      if (dependentId) {
        const existing = dependents.findOf(registrant.id, dependentId);
        if (!existing) throw new AppError('NOT_FOUND', 'errors.dependents.notFound');
        const diff = dependents.replace(existing, fields, ctx.now);
        if (diff.length > 0) {
          changed++;
          ctx.audit({ action: 'dependents.update', targetType: 'dependent', targetId: existing.id, detail: { registrantId: registrant.id, changed: diff.join(','), ...via } });
        }
        id = existing.id;
      } else {
        id = dependents.add(registrant.id, fields, ctx.now);
        repository.setAppliedDependent(submission.id, entry.position, id);
        added++;
        ctx.audit({ action: 'dependents.create', targetType: 'dependent', targetId: id, detail: { registrantId: registrant.id, relationship: fields.relationship, ...via } });
      }
      const digits = numbers.dependents.get(entry.position);
      if (digits) {
        myNumbers.keep(ctx, { type: 'dependent', id }, digits, { registrantId: registrant.id, ...via });
        stored++;
      }
    }
    if (numbers.self) {
      myNumbers.keep(ctx, { type: 'registrant', id: registrant.id }, numbers.self, via);
      stored++;
    }
    return { numbers: stored, dependentsAdded: added, dependentsChanged: changed };
  }

  /** Approves (by another user than its author) and applies a pending submission. */
  function approve(ctx: CallContext, id: string) {
    const user = staffOf(ctx);
    ctx.tx(() => {
      const { submission, registrant } = requireSubmission(ctx, id);
      requirePending(submission);
      if (submission.enteredBy?.id === user.id) {
        throw new AppError('FORBIDDEN', 'errors.submissions.ownEntry', {
          audit: { action: 'submissions.approve', outcome: 'denied', targetType: 'submission', targetId: id, detail: { reason: 'own_submission', registrantId: registrant.id } },
        });
      }
      const numbers = repository.openNumbers(id);
      assertNumbersFree('submissions.approve', { type: 'submission', id }, registrant.id, [
        ...(numbers.self ? [{ subject: { type: 'registrant', id: registrant.id } as NumberSubject, digits: numbers.self }] : []),
        ...submission.dependents.flatMap((d) => {
          const digits = numbers.dependents.get(d.position);
          return digits ? [{ subject: d.dependentId ? ({ type: 'dependent', id: d.dependentId } as NumberSubject) : NEW_DEPENDENT, digits }] : [];
        }),
      ]);
      // Decided once: a second approval finds it decided (the same transaction cannot interleave).
      if (!repository.decide(id, 'approved', { id: user.id, label: user.loginId }, null, ctx.now)) throw new AppError('CONFLICT', 'errors.submissions.notPending');
      const change = status.move(ctx, registrant, 'completed', 'approve', { action: 'submissions.approve', submissionId: id });
      const applied = apply(ctx, submission, registrant, numbers);
      ctx.audit({
        action: 'submissions.approve',
        targetType: 'submission',
        targetId: id,
        detail: { registrantId: registrant.id, ...applied, fromStatus: change.from, toStatus: change.to },
      });
    });
    return {};
  }

  /** Returns (差戻し) or declines (拒否) a pending submission, with a reason; its numbers are wiped. */
  function close(ctx: CallContext, id: string, reason: string, outcome: 'returned' | 'declined') {
    const user = staffOf(ctx);
    const action = outcome === 'returned' ? 'submissions.return' : 'submissions.decline';
    const decided = ctx.tx(() => {
      const { submission, registrant } = requireSubmission(ctx, id);
      requirePending(submission);
      if (!repository.decide(id, outcome, { id: user.id, label: user.loginId }, reason, ctx.now)) throw new AppError('CONFLICT', 'errors.submissions.notPending');
      const change = status.move(ctx, registrant, outcome, outcome === 'returned' ? 'return' : 'decline', { action, reason, submissionId: id });
      // The reason stays with the submission and the history, not in the trail.
      ctx.audit({ action, targetType: 'submission', targetId: id, detail: { registrantId: registrant.id, fromStatus: change.from, toStatus: change.to } });
      return { submission, registrant };
    });
    if (outcome === 'returned' && decided.submission.source === 'registrant') {
      const { id: registrantId, familyName, givenName, email } = decided.registrant;
      onReturned?.({ submissionId: id, registrant: { id: registrantId, familyName, givenName, email: email ?? null }, reason });
    }
    return {};
  }

  /**
   * The documents a form submission names, checked: each one an upload of this registrant's
   * that no submission has taken, for the registrant or one of the dependents it adds; and the
   * combination each person chose complete. VALIDATION (audited under collection.submit) otherwise.
   */
  function checkFormDocuments(registrantId: string, input: FormSubmission) {
    const refuse = (messageKey: 'errors.documents.unknown' | 'errors.documents.missing' | 'errors.documents.missingDependent', reason: 'unknown_document' | 'missing_documents', params?: Record<string, string>) =>
      new AppError('VALIDATION', messageKey, {
        ...(params ? { params } : {}),
        audit: { action: 'collection.submit', outcome: 'failure', targetType: 'registrant', targetId: registrantId, detail: { reason } },
      });
    const tempIds = new Set(input.dependents.map((d) => d.tempId));
    const kindsOf = new Map<string, Set<string>>();
    if (new Set(input.documentIds).size !== input.documentIds.length) throw refuse('errors.documents.unknown', 'unknown_document');
    for (const documentId of input.documentIds) {
      const doc = documents.find(documentId);
      if (!doc || doc.registrantId !== registrantId || doc.submissionId !== null || doc.attachedBy !== null) throw refuse('errors.documents.unknown', 'unknown_document');
      if (doc.subject !== 'self' && !tempIds.has(doc.subject)) throw refuse('errors.documents.unknown', 'unknown_document');
      const kinds = kindsOf.get(doc.subject) ?? new Set<string>();
      kinds.add(doc.kind);
      kindsOf.set(doc.subject, kinds);
    }
    const covers = (subject: string, set: DocumentSet) => DOCUMENT_SET_KINDS[set].every((kind) => kindsOf.get(subject)?.has(kind));
    if (!covers('self', input.documentSet)) throw refuse('errors.documents.missing', 'missing_documents');
    for (const d of input.dependents) {
      if (d.documentSet && !covers(d.tempId, d.documentSet)) throw refuse('errors.documents.missingDependent', 'missing_documents', { name: `${d.familyName} ${d.givenName}` });
    }
  }

  /**
   * A registrant's own submission from the phone form, inside the caller's transaction: it
   * waits for review whatever the proxy setting, moves the registrant to 承認待ち, takes the
   * named documents and drops the form's other uploads (photos retaken). A number someone
   * else holds is not refused here — that would tell the phone who is in the vault — but
   * the review shows it and the approval refuses it.
   */
  function submitFromForm(ctx: CallContext, registrant: Registrant, input: FormSubmission) {
    const tempIds = input.dependents.map((d) => d.tempId);
    if (new Set(tempIds).size !== tempIds.length) throw new AppError('VALIDATION', 'errors.submissions.duplicateTempId');
    const digits = [input.myNumber, ...input.dependents.flatMap((d) => (d.myNumber ? [d.myNumber] : []))];
    if (new Set(digits).size !== digits.length) throw new AppError('VALIDATION', 'errors.submissions.duplicateNumber');
    checkFormDocuments(registrant.id, input);
    const id = randomUUID();
    const change = status.move(ctx, registrant, 'pending', 'submit', { action: 'collection.submit', submissionId: id });
    repository.insert(
      { id, registrantId: registrant.id, source: 'registrant', reviewRequired: true, enteredBy: null, myNumber: input.myNumber, documentSet: input.documentSet, dependents: input.dependents },
      ctx.now,
    );
    documents.bind(input.documentIds, id);
    const dropped = documents.dropUnboundOf(registrant.id);
    return { id, change, dropped };
  }

  /** Whether a pending submission carries a number another person holds already. */
  function holdsNumberElsewhere(submission: SubmissionRecord): boolean {
    if (submission.status !== 'pending') return false;
    const numbers = repository.openNumbers(submission.id);
    const slots = [
      ...(numbers.self ? [{ subject: { type: 'registrant', id: submission.registrantId } as NumberSubject, digits: numbers.self }] : []),
      ...submission.dependents.flatMap((d) => {
        const n = numbers.dependents.get(d.position);
        return n ? [{ subject: d.dependentId ? ({ type: 'dependent', id: d.dependentId } as NumberSubject) : NEW_DEPENDENT, digits: n }] : [];
      }),
    ];
    return slots.some((slot) => myNumbers.heldElsewhere(slot.subject, slot.digits));
  }

  return {
    submitFromForm,

    createProxy(ctx: CallContext, input: ProxyEntry) {
      const user = staffOf(ctx);
      const entries = input.dependents ?? [];
      return ctx.tx(() => {
        const registrant = requireRegistrant(ctx, input.registrantId);
        const ids = entries.flatMap((d) => (d.dependentId ? [d.dependentId] : []));
        if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'errors.submissions.duplicateDependent');
        for (const dependentId of ids) if (!dependents.findOf(registrant.id, dependentId)) throw new AppError('NOT_FOUND', 'errors.dependents.notFound');
        const slots = numberSlots(registrant.id, { myNumber: input.myNumber, dependents: entries });
        if (new Set(slots.map((s) => s.digits)).size !== slots.length) throw new AppError('VALIDATION', 'errors.submissions.duplicateNumber');
        if (!input.myNumber && !myNumbers.holds({ type: 'registrant', id: registrant.id })) throw new AppError('VALIDATION', 'errors.submissions.registrantNumberRequired');

        const id = randomUUID();
        const reviewRequired = reviewRequiredNow();
        // Refused here while a completed record is locked, or while another submission waits.
        const change = reviewRequired
          ? status.move(ctx, registrant, 'pending', 'submit', { action: 'submissions.createProxy', submissionId: id })
          : status.move(ctx, registrant, 'completed', 'staffEntry', { action: 'submissions.createProxy', submissionId: id });
        assertNumbersFree('submissions.createProxy', { type: 'registrant', id: registrant.id }, registrant.id, slots);
        const enteredBy = { id: user.id, label: user.loginId };
        repository.insert({ id, registrantId: registrant.id, source: 'proxy', reviewRequired, enteredBy, myNumber: input.myNumber, dependents: entries }, ctx.now);
        let applied: ReturnType<typeof apply> | null = null;
        let state: SubmissionState = 'pending';
        if (!reviewRequired) {
          // No second approval: applied as entered, its author recorded as the one who decided.
          const submission = repository.findById(id)!;
          const numbers = repository.openNumbers(id);
          repository.decide(id, 'approved', enteredBy, null, ctx.now);
          applied = apply(ctx, submission, registrant, numbers);
          state = 'approved';
        }
        ctx.audit({
          action: 'submissions.createProxy',
          targetType: 'submission',
          targetId: id,
          detail: {
            registrantId: registrant.id,
            numbers: slots.length,
            dependents: entries.length,
            reviewRequired,
            applied: applied !== null,
            fromStatus: change.from,
            toStatus: change.to,
          },
        });
        return { id, status: state };
      });
    },

    approve,
    return: (ctx: CallContext, id: string, reason: string) => close(ctx, id, reason, 'returned'),
    decline: (ctx: CallContext, id: string, reason: string) => close(ctx, id, reason, 'declined'),

    get(ctx: CallContext, id: string) {
      return ctx.tx(() => {
        const { submission, registrant } = requireSubmission(ctx, id);
        const mayApprove = submission.status === 'pending' && submission.enteredBy?.id !== ctx.user?.id && can(ctx.user?.role, 'submissions.approve');
        ctx.audit({ action: 'submissions.view', targetType: 'submission', targetId: id, detail: { registrantId: registrant.id } });
        return {
          submission: {
            ...summaryOf(submission, registrant),
            decidedBy: submission.decidedBy,
            reason: submission.reason,
            dependents: submission.dependents.map(({ tempId: _t, ...d }) => d),
            mayApprove,
            documentSet: submission.documentSet,
            crossCheck: submission.crossCheck,
            numberHeldElsewhere: holdsNumberElsewhere(submission),
            documents: documents.listOf(registrant.id).filter((d) => d.submissionId === submission.id),
          },
        };
      });
    },

    list(ctx: CallContext, query: { status?: SubmissionState | undefined; offset?: number | undefined; limit?: number | undefined }) {
      return ctx.tx(() => {
        // Only submissions of registrants in the caller's scope, counted and paged in SQL.
        const { refs, total } = repository.page(query.status, scopeCondition(registrants.scope(ctx)), query.offset ?? 0, query.limit ?? 50);
        const rows = refs.map((ref) => summaryOf(repository.findById(ref.id)!, requireRegistrant(ctx, ref.registrantId)));
        ctx.audit({ action: 'submissions.list', detail: { returned: rows.length, total, filtered: query.status !== undefined } });
        return { rows, total };
      });
    },

    /** The dashboard's count of submissions waiting for review, within the caller's scope: counts only, not audited. */
    summary(ctx: CallContext) {
      return { waiting: repository.countPending(scopeCondition(registrants.scope(ctx))) };
    },

    settings: () => ({ proxyApproval: repository.proxyApproval(), reviewRequiredNow: reviewRequiredNow() }),

    configure(ctx: CallContext, proxyApproval: ProxyApproval) {
      ctx.tx(() => {
        repository.setProxyApproval(proxyApproval);
        ctx.audit({ action: 'submissions.configure', detail: { proxyApproval } });
      });
      return {};
    },

    /** Why HR sent the registrant's latest submission back (差戻し), for the phone form; NOT_FOUND outside the caller's reach. */
    returnReason(ctx: CallContext, registrantId: string): string | null {
      return repository.latestReturnReason(requireRegistrant(ctx, registrantId).id);
    },

    /** The ids of a registrant's submissions, whatever became of them, for the audit trail's filter; the caller has required the registrant. */
    idsOfRegistrant: (registrantId: string) => repository.idsOfRegistrant(registrantId),

    /** What a submission is called in the audit trail: its registrant's name, as the caller may know it. */
    label(id: string, ctx: CallContext): string | null {
      const s = repository.findById(id);
      return s ? registrants.label(s.registrantId, ctx) : null;
    },
  };
}

export type SubmissionsService = ReturnType<typeof createSubmissionsService>;
