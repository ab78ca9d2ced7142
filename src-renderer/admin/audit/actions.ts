// The actions the core writes to the audit trail, grouped for the 操作 filter, and the reason
// codes of failures. A row whose action or reason is not listed here is shown as written.
export const ACTION_GROUPS = {
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
  mynumber: ['mynumber.reveal', 'mynumber.set'],
  users: ['users.list', 'users.create', 'users.update', 'users.resetPassword', 'users.unlock', 'users.disable', 'users.enable'],
  settings: ['settings.setSmtp', 'settings.testSmtp', 'settings.setSecurity', 'settings.regenerateRecoveryCode', 'setup.createAdmin'],
  audit: ['audit.query', 'audit.verify'],
} as const;

export type ActionGroup = keyof typeof ACTION_GROUPS;
export type KnownAction = (typeof ACTION_GROUPS)[ActionGroup][number];

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(Object.values(ACTION_GROUPS).flat());

export function isKnownAction(action: string): action is KnownAction {
  return KNOWN_ACTIONS.has(action);
}

/** Channels that can be refused (access.denied) without being audited actions themselves. */
export const OTHER_CHANNELS = [
  'registrants.get',
  'registrants.summary',
  'users.setDisabled',
  'settings.getSmtp',
  'settings.getSecurity',
  'audit.actors',
  'purposes.list',
] as const;
export type OtherChannel = (typeof OTHER_CHANNELS)[number];

export function isOtherChannel(channel: string): channel is OtherChannel {
  return (OTHER_CHANNELS as readonly string[]).includes(channel);
}

export const REASONS = [
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
  'not_sent',
  'mail_failed',
  'idle',
  'requested',
  'code_wrong',
  'code_spent',
  'code_expired',
] as const;
export type Reason = (typeof REASONS)[number];

export function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && (REASONS as readonly string[]).includes(value);
}
