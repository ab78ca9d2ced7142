// The audit vocabulary: every action the core writes, grouped as the audit page offers them,
// the reason codes of failures and refusals, and the kinds of target. The core's AuditEntry
// takes only these, and the audit page's labels are typed against them, so a new action
// cannot reach the trail without a label in both languages.

export const AUDIT_ACTION_GROUPS = {
  auth: [
    'auth.login',
    'auth.verify',
    'auth.codeSent',
    'auth.logout',
    'auth.lock',
    'auth.reauth',
    'auth.lockout',
    'auth.requestReset',
    'auth.completeReset',
    'access.denied',
  ],
  account: ['account.changePassword', 'account.changeEmail', 'account.totpEnrolled', 'account.useEmailFactor'],
  registrants: ['registrants.list', 'registrants.view', 'registrants.create', 'registrants.update'],
  groups: ['groups.create', 'groups.update', 'groups.delete'],
  attributes: ['attributes.create', 'attributes.update'],
  registrantStatus: ['registrants.transition', 'registrants.unlock', 'registrants.history'],
  dependents: ['dependents.list', 'dependents.create', 'dependents.update'],
  submissions: [
    'submissions.list',
    'submissions.view',
    'submissions.createProxy',
    'submissions.approve',
    'submissions.return',
    'submissions.decline',
    'submissions.configure',
  ],
  mynumber: ['mynumber.reveal', 'mynumber.set'],
  users: ['users.list', 'users.create', 'users.update', 'users.resetPassword', 'users.unlock', 'users.disable', 'users.enable'],
  settings: ['settings.setSmtp', 'settings.testSmtp', 'settings.setSecurity', 'settings.regenerateRecoveryCode', 'vault.rekey', 'setup.createAdmin'],
  collectionMail: ['collection.setMailTemplates', 'collection.sendMail', 'collection.mailSent', 'collection.outboxFailures', 'collection.retryFailed', 'invitations.printSheet'],
  audit: ['audit.query', 'audit.verify', 'audit.export', 'audit.report'],
  collection: ['lan.configure', 'collection.configure', 'invitations.issue', 'invitations.revoke', 'invitations.list', 'collection.open', 'collection.view', 'collection.upload', 'collection.submit', 'collection.decline', 'collection.returnNotice'],
  documents: ['documents.list', 'documents.view', 'documents.attach', 'documents.purge'],
  csv: ['csv.importPreview', 'csv.importCommit', 'csv.export', 'csv.saveMapping', 'csv.deleteMapping', 'csv.savePreset', 'csv.deletePreset'],
  backups: ['backups.run', 'backups.configure', 'backups.restore'],
  disposal: ['retention.setRule', 'disposal.due', 'disposal.dispose', 'disposal.records', 'disposal.exportRecords'],
} as const;

export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;
export type AuditAction = (typeof AUDIT_ACTION_GROUPS)[AuditActionGroup][number];

export const AUDIT_ACTIONS: readonly AuditAction[] = Object.values(AUDIT_ACTION_GROUPS).flat();

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/**
 * Actions that record someone opening a list or a record (not a number): kept like every
 * entry, but the audit page may leave them out so the changes stand out. mynumber.reveal is
 * deliberately not one of them.
 */
export const ROUTINE_VIEW_ACTIONS = [
  'audit.query',
  'registrants.list',
  'registrants.view',
  'users.list',
  'registrants.history',
  'dependents.list',
  'submissions.list',
  'submissions.view',
  'documents.list',
  'disposal.due',
  'disposal.records',
] as const satisfies readonly AuditAction[];

/** Why something failed or was refused; written as `detail.reason`. */
export const AUDIT_REASONS = [
  'bad_password',
  'bad_totp',
  'bad_email_code',
  'replayed_totp',
  'unknown_login_id',
  'disabled',
  'locked',
  'delayed',
  'hourly_ceiling',
  'too_many_failures',
  'temporary_password_expired',
  'not_sent',
  'mail_failed',
  'mail_rejected',
  'idle',
  'requested',
  'code_wrong',
  'code_spent',
  'reauth_required',
  'role',
  'not_found',
  'no_number',
  'number_held_elsewhere',
  'no_purpose',
  'record_locked',
  'own_submission',
  'review_required',
  'bad_passcode',
  'bad_birth_date',
  'no_passcode',
  'unknown_link',
  'link_expired',
  'link_revoked',
  'link_completed',
  'address_throttled',
  'port_in_use',
  'listen_failed',
  'session_gone',
  'not_open',
  'bad_form',
  'unsupported_type',
  'unreadable_image',
  'too_many_pixels',
  'too_large',
  'busy',
  'client_gone',
  'missing_documents',
  'no_email',
  'unknown_document',
  'invalid_rows',
  'preview_gone',
  'setting_changed',
  'cancelled',
  'unencodable',
  'no_zip_password',
  'folder_unavailable',
  'write_failed',
  'submission_pending',
  'nothing_to_dispose',
  'too_many_rows',
] as const;

export type AuditReason = (typeof AUDIT_REASONS)[number];

export function isAuditReason(value: unknown): value is AuditReason {
  return typeof value === 'string' && (AUDIT_REASONS as readonly string[]).includes(value);
}

export const AUDIT_TARGET_KINDS = ['user', 'registrant', 'dependent', 'submission', 'group', 'attribute'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
