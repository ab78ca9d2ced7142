// The collection module: its settings (company name, passcode, link validity), invitation
// links, the phone API's rules the LAN listener calls (phone-service.ts), and the collection
// e-mails with their outbox and its sender (mail-service.ts, outbox-sender.ts).
import type { Clock } from '../../kernel/clock';
import os from 'node:os';
import { createKeyedLock } from '../../kernel/keyed-lock';
import { createSemaphore } from '../../kernel/semaphore';
import type { PhoneContextFactory } from '../../kernel/phone-context';
import { ANONYMOUS } from '../../kernel/principal';
import type { Mailer } from '../../platform/mail/mailer';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { Db } from '../../platform/db/open';
import type { DocumentStore } from '../documents';
import type { RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import type { SubmissionsService } from '../submissions';
import { createAddressThrottle } from './address-throttle';
import { collectionHandlers } from './handlers';
import { createInvitationsService } from './invitations-service';
import { createMailService } from './mail-service';
import { createOutboxRepository } from './outbox-repository';
import { createOutboxSender, type OutboxRetry } from './outbox-sender';
import { createReturnNotice } from './return-notice';
import { createPhoneService, UPLOAD_MAX_WAIT_MS } from './phone-service';
import { createPhoneSessions } from './phone-sessions';
import { createCollectionRepository } from './repository';
import { createCollectionSettingsService } from './settings-service';

export interface CollectionModuleDeps {
  db: Db;
  fields: FieldCrypto;
  clock: Clock;
  registrants: RegistrantsService;
  submissions: SubmissionsService;
  status: StatusService;
  documentStore: DocumentStore;
  /** Called once a submission from the form is stored (the cross-check of its photos). */
  afterSubmit?: (submissionId: string) => void;
  contextFor: PhoneContextFactory;
  /** The form's URL as phones reach it now (the lan module's). */
  formUrl(): string;
  /** Whether a client address is within the allowed ranges (the lan module's). */
  allows(address: string): boolean;
  /** The collection e-mails' mailer (a pooled SMTP one), and whether an SMTP server is set. */
  mailer: Mailer;
  mailConfigured(): boolean;
  outboxRetry?: OutboxRetry;
  log(line: string): void;
  uploads?: UploadLimits | undefined;
}

/** How many phone uploads are taken in and processed at a time, and how long the others may wait. */
export interface UploadLimits {
  /** Images decoded and re-encoded at a time. Default: the number of CPUs (the work is CPU-bound). */
  concurrency?: number | undefined;
  /**
   * Uploads taken in at a time, their bodies read or being processed (each at most 15 MB in
   * memory); the others wait unread. Default: four per image processed at a time, so phones
   * slow to send (Wi-Fi) keep the CPUs busy.
   */
  receiving?: number | undefined;
  /** How long an upload may wait to be taken in before it is answered "busy". Default: UPLOAD_MAX_WAIT_MS. */
  maxWaitMs?: number | undefined;
}

export function createCollectionModule(deps: CollectionModuleDeps) {
  const repository = createCollectionRepository(deps.db);
  const hashToken = (token: string) => deps.fields.blindIndex(token, 'invitation-token');
  const now = () => deps.clock.now().getTime();
  const settings = createCollectionSettingsService({ repository });
  const processing = deps.uploads?.concurrency ?? os.availableParallelism();
  const receiving = deps.uploads?.receiving ?? 4 * processing;
  const invitations = createInvitationsService({
    repository,
    registrants: deps.registrants,
    hashToken,
    formUrl: deps.formUrl,
    linkValidDays: () => repository.settings().linkValidDays,
  });
  const phone = createPhoneService({
    repository,
    registrants: deps.registrants,
    submissions: deps.submissions,
    settings,
    sessions: createPhoneSessions(now),
    throttle: createAddressThrottle(now),
    lock: createKeyedLock(),
    contextFor: deps.contextFor,
    hashToken,
    allows: deps.allows,
    documents: deps.documentStore,
    status: deps.status,
    afterSubmit: deps.afterSubmit,
    receiving: createSemaphore(receiving),
    processing: createSemaphore(processing),
    uploadMaxWaitMs: deps.uploads?.maxWaitMs ?? UPLOAD_MAX_WAIT_MS,
  });
  const outbox = createOutboxRepository(deps.db, deps.fields);
  const sender = createOutboxSender({
    outbox,
    mailer: deps.mailer,
    context: () => deps.contextFor('collection.mailSent', ANONYMOUS),
    retry: deps.outboxRetry,
    log: deps.log,
  });
  const returnNotice = createReturnNotice({
    mailer: deps.mailer,
    mailConfigured: deps.mailConfigured,
    companyName: () => settings.view().companyName,
    contextFor: deps.contextFor,
    log: deps.log,
  });
  const mail = createMailService({ repository, outbox, invitations, registrants: deps.registrants, sender, mailConfigured: deps.mailConfigured });
  return {
    services: { collectionSettings: settings, invitations, phone, outboxSender: sender, returnNotice },
    handlers: collectionHandlers(settings, invitations, mail),
  };
}

export { UPLOAD_MAX_WAIT_MS, type PhoneClient, type PhoneService, type UploadForm, type UploadReader } from './phone-service';
export type { OutboxRetry } from './outbox-sender';
