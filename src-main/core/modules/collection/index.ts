// The collection module: its settings (company name, passcode, link validity), invitation
// links, and the phone API's rules the LAN listener calls (phone-service.ts).
import type { Clock } from '../../kernel/clock';
import { createKeyedLock } from '../../kernel/keyed-lock';
import type { PhoneContextFactory } from '../../kernel/phone-context';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { Db } from '../../platform/db/open';
import type { DocumentStore } from '../documents';
import type { RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import type { SubmissionsService } from '../submissions';
import { createAddressThrottle } from './address-throttle';
import { collectionHandlers } from './handlers';
import { createInvitationsService } from './invitations-service';
import { createPhoneService } from './phone-service';
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
}

export function createCollectionModule(deps: CollectionModuleDeps) {
  const repository = createCollectionRepository(deps.db);
  const hashToken = (token: string) => deps.fields.blindIndex(token, 'invitation-token');
  const now = () => deps.clock.now().getTime();
  const settings = createCollectionSettingsService({ repository });
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
  });
  return { services: { collectionSettings: settings, invitations, phone }, handlers: collectionHandlers(settings, invitations) };
}

export type { PhoneClient, PhoneService, UploadForm, UploadReader } from './phone-service';
