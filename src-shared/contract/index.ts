// The contract: every channel's input and output schemas, declared once per namespace and
// joined here. Main validates against it, the preload and the harness bridge take their
// channel names from the access table, and the renderer's types are derived from it, so
// none of them can drift.
import type { ChannelName } from '../access';
import { accountChannels } from './account';
import { attributesChannels } from './attributes';
import { auditChannels } from './audit';
import { authChannels } from './auth';
import { backupsChannels } from './backups';
import { collectionChannels, collectionMailChannels } from './collection';
import { csvChannels } from './csv';
import type { ChannelSchemas } from './define';
import { dependentsChannels } from './dependents';
import { disposalChannels } from './disposal';
import { documentsChannels } from './documents';
import { groupsChannels } from './groups';
import { invitationsChannels } from './invitations';
import { jobsChannels } from './jobs';
import { lanChannels } from './lan';
import { mynumberChannels } from './mynumber';
import { registrantStatusChannels } from './registrant-status';
import { submissionsChannels } from './submissions';
import { registrantsChannels } from './registrants';
import { settingsChannels } from './settings';
import { setupChannels } from './setup';
import { systemChannels } from './system';
import { usersChannels } from './users';
import { vaultChannels } from './vault';
import type { z } from './zod';

export const contract = {
  ...setupChannels,
  ...authChannels,
  ...accountChannels,
  ...usersChannels,
  ...settingsChannels,
  ...vaultChannels,
  ...registrantsChannels,
  ...groupsChannels,
  ...attributesChannels,
  ...registrantStatusChannels,
  ...dependentsChannels,
  ...submissionsChannels,
  ...mynumberChannels,
  ...auditChannels,
  ...systemChannels,
  ...lanChannels,
  ...collectionChannels,
  ...collectionMailChannels,
  ...invitationsChannels,
  ...documentsChannels,
  ...csvChannels,
  ...backupsChannels,
  ...jobsChannels,
  ...disposalChannels,
};

// The contract and the access table name exactly the same channels.
type Missing = Exclude<ChannelName, keyof typeof contract>;
type Extra = Exclude<keyof typeof contract, ChannelName>;
const sameChannels: [Missing, Extra] extends [never, never] ? true : { missing: Missing; extra: Extra } = true;
void sameChannels;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;
export type { ChannelSchemas };

export { ACCESS, CHANNEL_NAMES as channelNames, can, isChannelName, type ChannelName } from '../access';
export { AUDIT_CHAIN_PROBLEMS, AUDIT_COUNT_CAP, AUDIT_EXPORT_MAX_ROWS, auditRow, handlingReport, reportMonth, type AuditFilterInput, type AuditRow, type HandlingReport } from './audit';
export { registrantFields, registrantListQuery, registrantRecordFields, registrantRow, type RegistrantRow } from './registrants';
export { groupRow, type GroupRow } from './groups';
export { attributeRow, type AttributeRow } from './attributes';
export { RELATIONSHIPS, dependentFields, dependentRow, type DependentRow, type Relationship } from './dependents';
export { STATUS_VIAS, containsMyNumber, reasonText, type StatusVia } from './registrant-status';
export { MAX_SUBMITTED_DEPENDENTS, PROXY_APPROVAL, SUBMISSION_SOURCES, SUBMISSION_STATES } from './submissions';
export { numberSubject, type NumberSubjectInput } from './mynumber';
export { securitySettings, smtpSettingsInput, type SecuritySettings, type SmtpSettingsInput } from './settings';
export { userDetail, userFields, userSummary, type UserDetail, type UserSummary } from './users';
export * as fields from './fields';
export { LAN_DEFAULT_PORT, lanConfig, lanStatus, type LanConfig, type LanStatus } from './lan';
export { LINK_VALID_DAYS_DEFAULT, PASSCODE_MAX_LENGTH, PASSCODE_MIN_LENGTH } from './collection';
export { MAX_MAIL_RECIPIENTS, MAX_QR_SHEETS, mailTemplatesInput, outboxBatch, outboxFailure, recipientTarget } from './collection';
export { INVITATION_STATES, invitationRow } from './invitations';
export { csvFieldOfHeader, csvDependentFieldOfHeader, csvHeaderKey, CSV_IMPORT_KINDS, CSV_DEPENDENT_FIELDS, CSV_DEPENDENT_HEADERS, type CsvImportKind, type CsvDependentField, type CsvImportField, CSV_DATE_STYLES, CSV_ENCODINGS, CSV_EXPORT_FIELDS, CSV_EXPORT_PRESETS, CSV_LINE_ENDINGS, CSV_PRESET_ENCODINGS, csvSavedMapping, csvSavedPreset, type CsvDateStyle, type CsvExportField, type CsvLineEnding, type CsvSavedMapping, type CsvSavedPreset, CSV_MAX_BYTES, CSV_REGISTRANT_FIELDS, CSV_REGISTRANT_HEADERS, csvProblem, type CsvEncoding, type CsvExportPreset, type CsvProblem, type CsvRegistrantField } from './csv';
export { BACKUP_DEFAULT_KEEP, BACKUP_INTERVAL_MS, BACKUP_MAX_KEEP, BACKUP_STALE_MS, backupSettings, type BackupRun, type BackupSettings } from './backups';
export { DISPOSAL_ITEM_KINDS, DISPOSAL_SCOPES, MAX_DISPOSAL_SUBJECTS, disposalRecordRow, dueRow, retentionRuleRow, type DisposalItemKind, type DisposalRecordRow, type DisposalScope, type DisposalSubjectInput, type DueRow, type RetentionRuleRow } from './disposal';
