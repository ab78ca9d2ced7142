// The phone API's rules (DESIGN "The phone API"), which the LAN listener calls: `open` checks
// the link and the company passcode and, only then, answers with a session bound to that
// registrant and their name; `state` answers a live session with its own registrant's state.
//
// A refused link answers the same whether its token is unknown, expired, revoked, replaced,
// completed (完了: the link locks itself), locked or blocked, or the passcode or birth date
// is wrong; every attempt costs one argon2 verification, whatever it finds, so the time
// taken tells nothing either. Attempts on one link run one at a time (a keyed lock), so
// thirty parallel guesses are counted as thirty in a row: every fifth failure locks the link
// for 15 minutes, the twentieth blocks it until HR issues a new one. Failures per client
// address are limited as well (attempts of one address also run one at a time). Every attempt is audited with the client's address and user
// agent, targeting the registrant when the link is known — never the token or the passcode.
import { randomBytes } from 'node:crypto';
import { phoneApi, type CollectDocumentValue, type CollectOpenValue, type CollectStateValue, type CollectSubmitValue } from '../../../../src-shared/contract/collect';
import type { AuditReason } from '../../../../src-shared/audit-vocabulary';
import { parseDate } from '../../../../src-shared/dates';
import type { ErrorCode, Result } from '../../../../src-shared/errors';
import { formatMessage, type ErrorKey } from '../../../../src-shared/messages';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import { validationFailure } from '../../kernel/dispatch';
import type { KeyedLock } from '../../kernel/keyed-lock';
import type { Semaphore, SemaphoreLoad } from '../../kernel/semaphore';
import type { PhoneContextFactory } from '../../kernel/phone-context';
import { ANONYMOUS, type Principal } from '../../kernel/principal';
import { hashPassword, verifyPassword } from '../auth';
import { processImage, type DocumentStore } from '../documents';
import type { RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import type { SubmissionsService } from '../submissions';
import type { AddressThrottle } from './address-throttle';
import { afterFailure, linkState, type InvitationState } from './link-state';
import type { PhoneSessions } from './phone-sessions';
import type { CollectionRepository, InvitationRecord } from './repository';
import type { CollectionSettingsService } from './settings-service';

/** How long an upload may wait for the form to be handed in before it is removed. */
export const UPLOAD_DRAFT_DAYS = 3;
/**
 * How long an upload may wait for a processing slot before it is answered "busy" (the phone
 * tries again). Two hundred phones at once on a two-core machine wait about a minute at most.
 */
export const UPLOAD_MAX_WAIT_MS = 120_000;

/** Who is calling, as the listener saw it. */
export interface PhoneClient {
  address: string;
  userAgent: string;
}

export interface PhoneServiceDeps {
  repository: CollectionRepository;
  registrants: RegistrantsService;
  submissions: SubmissionsService;
  settings: CollectionSettingsService;
  sessions: PhoneSessions;
  throttle: AddressThrottle;
  lock: KeyedLock;
  contextFor: PhoneContextFactory;
  hashToken(token: string): string;
  /** Whether a client address is inside the allowed ranges (all when none are set). */
  allows(address: string): boolean;
  documents: DocumentStore;
  status: StatusService;
  /** Called once a submission from the form is stored (the cross-check of its photos). */
  afterSubmit?: ((submissionId: string) => void) | undefined;
  /** The uploads taken in at a time, being read or processed (the others wait, their bodies unread). */
  receiving: Semaphore;
  /** The images decoded and re-encoded at a time (CPU-bound). */
  processing: Semaphore;
  /** How long an upload waits to be taken in before it is answered "busy". */
  uploadMaxWaitMs: number;
}

/** What the listener read of an upload: its text fields and its one file (never its name or declared type). */
export interface UploadForm {
  fields: Record<string, string>;
  /**
   * The file's bytes, lent: the listener reuses (and first zeroes) their memory once `upload`
   * has settled, so nothing may keep them, or a view of them, past that.
   */
  file: Buffer | null;
}

/** Reads the upload's body; called only once the session has been checked. */
export type UploadReader = () => Promise<Result<UploadForm>>;

const REASON_OF_UPLOAD_REFUSAL: Partial<Record<string, AuditReason>> = {
  'errors.documents.tooLarge': 'too_large',
  'errors.collection.bodyTooLarge': 'too_large',
  'errors.documents.unsupportedType': 'unsupported_type',
  'errors.documents.unreadable': 'unreadable_image',
  'errors.documents.tooManyPixels': 'too_many_pixels',
};

type Registrant = ReturnType<RegistrantsService['require']>;

const REASON_OF_STATE: Record<Exclude<InvitationState, 'live'>, AuditReason> = {
  expired: 'link_expired',
  replaced: 'link_revoked',
  revoked: 'link_revoked',
  completed: 'link_completed',
  locked: 'locked',
  blocked: 'too_many_failures',
};

function fail(code: ErrorCode, messageKey: ErrorKey): Result<never> {
  return { ok: false, error: { code, message: formatMessage('ja', messageKey), messageKey } };
}

const REFUSED = () => fail('FORBIDDEN', 'errors.collection.linkRefused');

/** What of the client goes into the trail: its address, and its user agent cut short. */
function clientDetail(client: PhoneClient) {
  return { clientAddress: client.address.slice(0, 64), userAgent: [...client.userAgent].filter((c) => c >= ' ' && c !== '\u007f').join('').slice(0, 200) };
}

export function createPhoneService(deps: PhoneServiceDeps) {
  const { repository, registrants, submissions, settings, sessions, throttle, lock, contextFor, hashToken, documents, status } = deps;

  // Verified against when there is nothing real to verify, so every attempt costs the same.
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= hashPassword(randomBytes(24).toString('base64url')));

  const principalOf = (invitation: InvitationRecord): Principal => ({ kind: 'registrant', registrantId: invitation.registrantId, linkId: invitation.id });

  function collectState(ctx: CallContext, registrant: Registrant): CollectStateValue {
    const state = ({ pending: 'submitted', returned: 'returned', declined: 'declined', completed: 'locked', unregistered: 'open' } as const)[registrant.status];
    const returnReason = state === 'returned' ? submissions.returnReason(ctx, registrant.id) : null;
    return { registrant: { displayName: `${registrant.familyName} ${registrant.givenName}` }, state, ...(returnReason ? { returnReason } : {}) };
  }

  function birthDateMatches(required: boolean, registered: string | null | undefined, typed: string | undefined): boolean {
    if (!required || !registered) return true;
    if (typed === undefined) return false;
    const parsed = parseDate(typed);
    return parsed.ok && parsed.iso === registered;
  }

  /** One attempt on one link (run under that link's lock). `counts`: whether it is a failure of the address. */
  async function attempt(input: { token: string; passcode: string; birthDate?: string | undefined }, client: PhoneClient): Promise<{ result: Result<CollectOpenValue>; counts: boolean }> {
    const invitation = repository.findByTokenHash(hashToken(input.token));
    const ctx = contextFor('collection.open', invitation ? principalOf(invitation) : ANONYMOUS);
    const registrant = invitation ? registrants.require(ctx, invitation.registrantId) : null;
    const state = invitation && registrant ? linkState(invitation, registrant.status, ctx.now) : null;
    const { passcodeHash, requireBirthDate } = settings.current();
    const passcodeOk = await verifyPassword(state === 'live' && passcodeHash ? passcodeHash : await dummyHash(), input.passcode);
    const target = registrant ? ({ targetType: 'registrant', targetId: registrant.id } as const) : {};
    const refuse = (reason: AuditReason, counts: boolean, extra: Record<string, string | number | boolean> = {}) => {
      ctx.tx(() => ctx.audit({ action: 'collection.open', outcome: 'failure', ...target, detail: { reason, ...extra, ...(invitation ? { invitationId: invitation.id } : {}), ...clientDetail(client) } }));
      return { result: REFUSED(), counts };
    };

    if (!invitation || !registrant || state === null) return refuse('unknown_link', true);
    if (state !== 'live') return refuse(REASON_OF_STATE[state], state !== 'locked' && state !== 'blocked');
    if (!passcodeHash) return refuse('no_passcode', false);
    const birthOk = birthDateMatches(requireBirthDate, registrant.birthDate, input.birthDate);
    if (!passcodeOk || !birthOk) {
      const after = ctx.tx(() => {
        const current = repository.findById(invitation.id) ?? invitation;
        const next = afterFailure(current.failures, ctx.now);
        repository.recordFailure(invitation.id, next.failures, next.lockedUntil, next.block, ctx.now);
        return next;
      });
      return refuse(passcodeOk ? 'bad_birth_date' : 'bad_passcode', true, { failures: after.failures, locked: after.lockedUntil !== null, blocked: after.block });
    }

    // Revoked or replaced by HR while the passcode was being checked: refused like any other.
    const still = repository.findById(invitation.id);
    if (!still || linkState(still, registrants.require(ctx, registrant.id).status, ctx.now) !== 'live') return refuse('link_revoked', false);
    const session = sessions.open(registrant.id, invitation.id);
    const value = ctx.tx(() => {
      repository.markOpened(invitation.id, ctx.now);
      ctx.audit({ action: 'collection.open', targetType: 'registrant', targetId: registrant.id, detail: { invitationId: invitation.id, ...clientDetail(client) } });
      return collectState(ctx, registrant);
    });
    return { result: { ok: true, value: phoneApi.open.output.parse({ ...value, session }) }, counts: false };
  }

  async function guarded<T>(channel: string, fn: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
    try {
      return await fn();
    } catch (err) {
      // Name and message only: neither carries a bound value. Never the input.
      const e = err instanceof Error ? err : new Error(String(err));
      console.error(`[core] internal error on ${channel}: ${e.name}: ${e.message}`);
      return fail('INTERNAL', 'errors.internal');
    }
  }

  return {
    allows: (address: string) => deps.allows(address),

    open(raw: unknown, client: PhoneClient): Promise<Result<CollectOpenValue>> {
      return guarded('collection.open', async () => {
        if (!deps.allows(client.address)) return fail('FORBIDDEN', 'errors.collection.addressNotAllowed');
        const parsed = phoneApi.open.input.safeParse(raw ?? {}, { reportInput: true });
        if (!parsed.success) return validationFailure(parsed.error);
        const input = parsed.data;
        // One address at a time, then one link at a time: thirty parallel requests are thirty in a row.
        return lock.run(`address:${client.address}`, async () => {
          if (throttle.refused(client.address)) {
            const ctx = contextFor('collection.open', ANONYMOUS);
            ctx.tx(() => ctx.audit({ action: 'collection.open', outcome: 'denied', detail: { reason: 'address_throttled', ...clientDetail(client) } }));
            return fail('RATE_LIMITED', 'errors.collection.tooManyAttempts');
          }
          const outcome = await lock.run(`link:${hashToken(input.token)}`, () => attempt(input, client));
          if (outcome.counts) throttle.recordFailure(client.address);
          return outcome.result;
        });
      });
    },

    /**
     * One ID image (POST /c/api/documents): the session is checked before a byte of the body is
     * read; the upload then waits to be taken in, one of a few at a time (answered "busy" after
     * uploadMaxWaitMs, or given up when `signal` aborts: the client went away), and only then is
     * the body read, the image checked by its content, re-encoded (fewer still at a time) and
     * stored sealed, bound to this session's registrant. Only while the form is open (not submitted, not locked). A refused
     * upload stores nothing; every upload is audited with the client's address and user agent,
     * never anything of the image.
     */
    upload(sessionKey: string | null, client: PhoneClient, read: UploadReader, signal?: AbortSignal): Promise<Result<CollectDocumentValue>> {
      return guarded('collection.upload', async () => {
        if (!deps.allows(client.address)) return fail('FORBIDDEN', 'errors.collection.addressNotAllowed');
        const session = sessionKey ? sessions.use(sessionKey) : null;
        const ctx = contextFor('collection.upload', session ? { kind: 'registrant', registrantId: session.registrantId, linkId: session.invitationId } : ANONYMOUS);
        const target = session ? ({ targetType: 'registrant', targetId: session.registrantId } as const) : {};
        const refuse = (reason: AuditReason, result: Result<never>, extra: Record<string, string> = {}) => {
          ctx.tx(() => ctx.audit({ action: 'collection.upload', outcome: reason === 'session_gone' || reason === 'not_open' || reason === 'busy' ? 'denied' : 'failure', ...target, detail: { reason, ...extra, ...clientDetail(client) } }));
          return result;
        };
        if (!session || !sessionKey) return refuse('session_gone', fail('FORBIDDEN', 'errors.collection.sessionGone'));
        const open = () => {
          const invitation = repository.findById(session.invitationId);
          const registrant = registrants.require(ctx, session.registrantId);
          const state = invitation ? linkState(invitation, registrant.status, ctx.now) : null;
          if (state !== 'live' && state !== 'locked') return 'gone' as const;
          // Submitted (waiting for review) or completed: the form shows it and changes nothing.
          return registrant.status === 'pending' || registrant.status === 'completed' ? ('closed' as const) : ('open' as const);
        };
        const before = open();
        if (before === 'gone') {
          sessions.end(sessionKey);
          return refuse('session_gone', fail('FORBIDDEN', 'errors.collection.sessionGone'));
        }
        if (before === 'closed') return refuse('not_open', fail('CONFLICT', 'errors.documents.notOpen'));

        // Read, checked, re-encoded and stored once a slot is free.
        const receive = async (): Promise<Result<CollectDocumentValue>> => {
          const form = await read();
          if (!form.ok) return refuse(REASON_OF_UPLOAD_REFUSAL[form.error.messageKey ?? ''] ?? 'bad_form', form);
          const parsed = phoneApi.documents.input.safeParse(form.value.fields);
          if (!parsed.success || !form.value.file) return refuse('bad_form', fail('VALIDATION', 'errors.documents.badForm'));
          const { kind, subject } = parsed.data;
          const done = (await deps.processing.acquire())!;
          const processed = await processImage(form.value.file).finally(done);
          if (!processed.ok) return refuse(REASON_OF_UPLOAD_REFUSAL[processed.error.messageKey ?? ''] ?? 'unreadable_image', processed, { kind });

          return ctx.tx(() => {
            // Submitted, revoked or locked while the image waited or was processed: nothing stored.
            const now = open();
            if (now !== 'open') {
              ctx.audit({ action: 'collection.upload', outcome: 'denied', ...target, detail: { reason: now === 'gone' ? 'session_gone' : 'not_open', ...clientDetail(client) } });
              return now === 'gone' ? fail('FORBIDDEN', 'errors.collection.sessionGone') : fail('CONFLICT', 'errors.documents.notOpen');
            }
            const documentId = documents.add({ registrantId: session.registrantId, subject, kind, image: processed.value.image, thumbnail: processed.value.thumbnail }, ctx.now);
            ctx.audit({
              action: 'collection.upload',
              ...target,
              detail: { documentId, kind, subject, inputType: processed.value.inputType, width: processed.value.width, height: processed.value.height, invitationId: session.invitationId, ...clientDetail(client) },
            });
            return { ok: true, value: phoneApi.documents.output.parse({ documentId }) };
          });
        };

        // A few at a time: the others wait here with their bodies unread (TCP keeps the bytes on
        // the phone), so memory does not grow with the number of phones sending at once. More
        // are read than processed, so a phone slow to send never leaves the CPUs idle.
        const release = await deps.receiving.acquire({ maxWaitMs: deps.uploadMaxWaitMs, ...(signal ? { signal } : {}) });
        if (!release) {
          return signal?.aborted
            ? refuse('client_gone', fail('VALIDATION', 'errors.collection.badRequest'))
            : refuse('busy', fail('RATE_LIMITED', 'errors.collection.busy'));
        }
        try {
          return await receive();
        } finally {
          release();
        }
      });
    },

    /** The uploads taken in (being read or processed) and those waiting, and the images being processed. */
    uploadLoad: (): { receiving: SemaphoreLoad; processing: SemaphoreLoad } => ({ receiving: deps.receiving.load(), processing: deps.processing.load() }),

    /** Resolves once no upload has been taken in, read or processed for `quietMs`. */
    uploadsQuiet: (quietMs: number): Promise<void> => deps.receiving.whenQuiet(quietMs),

    /**
     * Hands the form in (POST /c/api/submit), for this session's registrant only, while the form
     * is open: the number with the documents of the chosen combination and any dependents,
     * stored as one submission waiting for review, in one transaction; or the registrant's
     * "I will not provide my number", which moves them to 拒否 with their reason. A refused
     * submission changes nothing. Audited with the client's address and user agent, never a
     * number or the reason's text.
     */
    submit(sessionKey: string | null, client: PhoneClient, raw: unknown): Promise<Result<CollectSubmitValue>> {
      return guarded('collection.submit', () => {
        if (!deps.allows(client.address)) return fail('FORBIDDEN', 'errors.collection.addressNotAllowed');
        const session = sessionKey ? sessions.use(sessionKey) : null;
        const ctx = contextFor('collection.submit', session ? { kind: 'registrant', registrantId: session.registrantId, linkId: session.invitationId } : ANONYMOUS);
        const target = session ? ({ targetType: 'registrant', targetId: session.registrantId } as const) : {};
        const audited = (outcome: 'failure' | 'denied', reason: AuditReason) =>
          ctx.tx(() => ctx.audit({ action: 'collection.submit', outcome, ...target, detail: { reason, ...clientDetail(client) } }));
        if (!session || !sessionKey) {
          audited('denied', 'session_gone');
          return fail('FORBIDDEN', 'errors.collection.sessionGone');
        }
        const parsed = phoneApi.submit.input.safeParse(raw ?? {}, { reportInput: true });
        if (!parsed.success) {
          audited('failure', 'bad_form');
          return validationFailure(parsed.error);
        }
        const input = parsed.data;
        try {
          const value = ctx.tx(() => {
            const invitation = repository.findById(session.invitationId);
            const registrant = registrants.require(ctx, session.registrantId);
            const state = invitation ? linkState(invitation, registrant.status, ctx.now) : null;
            if (state !== 'live' && state !== 'locked') return 'gone' as const;
            if (registrant.status === 'pending' || registrant.status === 'completed') throw new AppError('CONFLICT', 'errors.submissions.alreadySubmitted', {
              audit: { action: 'collection.submit', outcome: 'denied', ...target, detail: { reason: 'not_open', ...clientDetail(client) } },
            });
            if ('decline' in input) {
              if (registrant.status === 'declined') throw new AppError('CONFLICT', 'errors.submissions.alreadyDeclined', {
                audit: { action: 'collection.decline', outcome: 'denied', ...target, detail: { reason: 'not_open', ...clientDetail(client) } },
              });
              const change = status.move(ctx, registrant, 'declined', 'decline', { action: 'collection.decline', reason: input.decline.reason });
              const dropped = documents.dropUnboundOf(registrant.id);
              // The reason stays in the status history, not in the trail.
              ctx.audit({ action: 'collection.decline', ...target, detail: { invitationId: session.invitationId, dropped, fromStatus: change.from, toStatus: change.to, ...clientDetail(client) } });
              return { state: 'declined' as const, submissionId: null };
            }
            const submitted = submissions.submitFromForm(ctx, registrant, input);
            ctx.audit({
              action: 'collection.submit',
              ...target,
              detail: {
                submissionId: submitted.id,
                documentSet: input.documentSet,
                documents: input.documentIds.length,
                dependents: input.dependents.length,
                numbers: 1 + input.dependents.filter((d) => d.myNumber).length,
                dropped: submitted.dropped,
                invitationId: session.invitationId,
                fromStatus: submitted.change.from,
                toStatus: submitted.change.to,
                ...clientDetail(client),
              },
            });
            return { state: 'submitted' as const, submissionId: submitted.id };
          });
          if (value === 'gone') {
            sessions.end(sessionKey);
            audited('denied', 'session_gone');
            return fail('FORBIDDEN', 'errors.collection.sessionGone');
          }
          if (value.submissionId) deps.afterSubmit?.(value.submissionId);
          return { ok: true, value: phoneApi.submit.output.parse({ state: value.state }) };
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // Rolled back: nothing of the submission stays; the refusal is recorded on its own.
          if (err.audit) ctx.tx(() => ctx.audit({ ...err.audit!, detail: { ...err.audit!.detail, ...clientDetail(client) } }));
          else audited('failure', 'bad_form');
          return { ok: false, error: { code: err.code, message: err.message, messageKey: err.messageKey as ErrorKey, ...(err.params ? { params: err.params } : {}) } };
        }
      });
    },

    /**
     * Removes the form's uploads that no submission took within UPLOAD_DRAFT_DAYS: photos of a
     * form left half-filled are not kept. Audited with the count when there were any.
     */
    purgeAbandonedUploads(): number {
      const ctx = contextFor('documents.purge', ANONYMOUS);
      return ctx.tx(() => {
        const removed = documents.dropUnboundBefore(new Date(ctx.now.getTime() - UPLOAD_DRAFT_DAYS * 86_400_000));
        if (removed > 0) ctx.audit({ action: 'documents.purge', detail: { removed, olderThanDays: UPLOAD_DRAFT_DAYS } });
        return removed;
      });
    },

    state(sessionKey: string | null, client: PhoneClient): Promise<Result<CollectStateValue>> {
      return guarded('collection.view', () => {
        if (!deps.allows(client.address)) return fail('FORBIDDEN', 'errors.collection.addressNotAllowed');
        const session = sessionKey ? sessions.use(sessionKey) : null;
        if (!session || !sessionKey) return fail('FORBIDDEN', 'errors.collection.sessionGone');
        const ctx = contextFor('collection.view', { kind: 'registrant', registrantId: session.registrantId, linkId: session.invitationId });
        const invitation = repository.findById(session.invitationId);
        const registrant = registrants.require(ctx, session.registrantId);
        const state = invitation ? linkState(invitation, registrant.status, ctx.now) : null;
        // A link revoked, replaced, expired or completed since ends its sessions.
        if (state !== 'live' && state !== 'locked') {
          sessions.end(sessionKey);
          return fail('FORBIDDEN', 'errors.collection.sessionGone');
        }
        // A routine view (the form polls it): its entry is committed without waiting for the disk, as the desktop's list views are.
        const value = ctx.viewTx(() => {
          ctx.audit({ action: 'collection.view', targetType: 'registrant', targetId: registrant.id, detail: { invitationId: session.invitationId, ...clientDetail(client) } });
          return collectState(ctx, registrant);
        });
        return { ok: true, value: phoneApi.state.output.parse(value) };
      });
    },
  };
}

export type PhoneService = ReturnType<typeof createPhoneService>;
