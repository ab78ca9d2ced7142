// The access table: for every channel, who may call it, whether the password must have been
// re-entered within the last 5 minutes, and whether the call counts as activity for the idle
// lock. Written once, free of zod, and read by the contract, the core's dispatcher, the
// preload (channel names) and the renderer (`can`), so no copy of the role matrix exists.
import type { Role } from './domain';

/**
 * 'public': anyone, signed in or not. A role list: staff signed in with one of those roles.
 * 'registrant': a registrant holding a collection link (the phone form), reaching only their
 * own submission; no channel has that audience until the LAN listener is built.
 */
export type Audience = 'public' | 'registrant' | readonly Role[];

export interface ChannelAccess {
  readonly who: Audience;
  /** The password must have been re-entered within the last 5 minutes (パスワード再入力). */
  readonly reauth: boolean;
  /** Counts as activity for the idle lock; false for the polls the UI makes by itself. */
  readonly activity: boolean;
  /** May be called while the user must still replace a temporary password. */
  readonly beforePasswordChange?: boolean;
}

const ALL: readonly Role[] = ['admin', 'manager', 'viewer'];
const HR: readonly Role[] = ['admin', 'manager'];
const ADMIN: readonly Role[] = ['admin'];

const open = (extra: Partial<ChannelAccess> = {}): ChannelAccess => ({ who: 'public', reauth: false, activity: true, ...extra });
const staff = (who: readonly Role[], extra: Partial<ChannelAccess> = {}): ChannelAccess => ({ who, reauth: false, activity: true, ...extra });
const sensitive = (who: readonly Role[]): ChannelAccess => ({ who, reauth: true, activity: true });

export const ACCESS = {
  'setup.status': open({ activity: false, beforePasswordChange: true }),
  'setup.createAdmin': open(),
  'setup.confirmTotp': open(),

  'auth.login': open(),
  'auth.verify': open(),
  'auth.resendCode': open(),
  'auth.reauth': staff(ALL),
  'auth.keepAlive': staff(ALL, { beforePasswordChange: true }),
  'auth.lock': open({ beforePasswordChange: true }),
  'auth.logout': open({ beforePasswordChange: true }),
  'auth.me': open({ activity: false, beforePasswordChange: true }),
  'auth.requestReset': open(),
  'auth.completeReset': open(),

  'account.changePassword': staff(ALL, { beforePasswordChange: true }),
  'account.changeEmail': sensitive(ALL),
  'account.beginTotpEnrolment': sensitive(ALL),
  'account.confirmTotpEnrolment': sensitive(ALL),
  'account.useEmailFactor': sensitive(ALL),

  'users.list': staff(ADMIN),
  'users.create': sensitive(ADMIN),
  'users.update': sensitive(ADMIN),
  'users.setDisabled': sensitive(ADMIN),
  'users.resetPassword': sensitive(ADMIN),
  'users.unlock': staff(ADMIN),

  'settings.getSmtp': staff(ADMIN),
  'settings.setSmtp': sensitive(ADMIN),
  'settings.testSmtp': staff(ADMIN),
  'settings.regenerateRecoveryCode': sensitive(ADMIN),
  'settings.getSecurity': staff(ADMIN),
  'settings.setSecurity': sensitive(ADMIN),

  'backups.status': staff(ADMIN, { activity: false }),
  'backups.configure': sensitive(ADMIN),
  'backups.run': sensitive(ADMIN),
  'vault.rekey': sensitive(ADMIN),
  'vault.rekeyStatus': staff(ADMIN),

  'registrants.create': staff(HR),
  'registrants.update': staff(HR),
  'registrants.list': staff(ALL),
  'registrants.get': staff(ALL),
  'registrants.summary': staff(ALL),

  'groups.list': staff(ALL),
  'groups.create': staff(ADMIN),
  'groups.update': staff(ADMIN),
  'groups.delete': staff(ADMIN),

  'attributes.list': staff(ALL),
  'attributes.create': staff(ADMIN),
  'attributes.update': staff(ADMIN),
  'registrants.transition': staff(HR),
  'registrants.history': staff(ALL),
  'registrants.unlock': sensitive(ADMIN),

  'dependents.list': staff(ALL),
  'dependents.create': staff(HR),
  'dependents.update': staff(HR),

  'documents.list': staff(HR),
  'documents.view': staff(HR),
  'documents.attach': staff(HR),

  'submissions.list': staff(ALL),
  'submissions.get': staff(ALL),
  'submissions.summary': staff(ALL),
  'submissions.createProxy': staff(HR),
  'submissions.approve': staff(HR),
  'submissions.return': staff(HR),
  'submissions.decline': staff(HR),
  'submissions.getSettings': staff(HR),
  'submissions.configure': sensitive(ADMIN),

  'purposes.list': staff(HR),
  'mynumber.set': staff(HR),
  'mynumber.reveal': sensitive(HR),

  'audit.query': staff(HR),
  // A download of the trail leaves the vault: the password re-entered, like every CSV export.
  'audit.export': sensitive(HR),
  // The monthly handling report (取扱状況) is the administrator's.
  'audit.report': staff(ADMIN),
  'audit.reportCsv': staff(ADMIN),
  'audit.actors': staff(HR),
  'audit.verify': staff(ADMIN),
  'audit.status': staff(ALL, { activity: false }),
  'system.facts': staff(ADMIN),

  // Collection over the LAN: the listener and the passcode are the admin's; HR issues links
  // (a limited manager only to the registrants of their groups).
  'lan.status': staff(HR),
  'lan.configure': sensitive(ADMIN),
  'collection.getSettings': staff(ADMIN),
  'collection.configure': sensitive(ADMIN),
  'invitations.issue': staff(HR),
  'invitations.revoke': staff(HR),
  'invitations.list': staff(HR),

  // CSV in and out: HR only, within their groups; every export needs the password re-entered
  // (a list of people leaves the vault), and numbers in one also a purpose (the service).
  'csv.importPreview': staff(HR),
  'csv.importCommit': staff(HR),
  'csv.export': sensitive(HR),
  // Saved layouts hold no person: HR may save them; a manager limited to groups changes only their own.
  'csv.listMappings': staff(HR),
  'csv.saveMapping': staff(HR),
  'csv.deleteMapping': staff(HR),
  'csv.listPresets': staff(HR),
  'csv.savePreset': staff(HR),
  'csv.deletePreset': staff(HR),
  // Only the session that started a job can stop it (checked by the core); a poll-free click, counted as activity.
  'jobs.cancel': staff(ALL),
  // Collection e-mails and QR sheets: HR sends and prints (a limited manager to their groups'
  // registrants only); the templates are the admin's, like the other collection settings.
  'collection.getMailTemplates': staff(HR),
  'collection.setMailTemplates': sensitive(ADMIN),
  'collection.sendMail': staff(HR),
  'collection.outboxStatus': staff(HR, { activity: false }),
  'collection.outboxBatches': staff(HR),
  'collection.outboxFailures': staff(HR),
  'collection.retryFailed': staff(HR),
  'invitations.printSheet': staff(HR),

  // Retention and physical disposal: HR sees what is due (a limited manager within their
  // groups); only an admin changes the rules, disposes (password re-entered), reads the
  // disposal record and exports it (password re-entered: a list of people leaves the vault).
  'retention.rules': staff(HR),
  'retention.setRule': staff(ADMIN),
  'disposal.due': staff(HR),
  'disposal.dispose': sensitive(ADMIN),
  'disposal.records': staff(ADMIN),
  'disposal.exportRecords': sensitive(ADMIN),
} as const satisfies Record<string, ChannelAccess>;

export type ChannelName = keyof typeof ACCESS;

export const CHANNEL_NAMES = Object.keys(ACCESS) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ACCESS, name);
}

export function accessOf(channel: ChannelName): ChannelAccess {
  return ACCESS[channel];
}

/** May a user of this role call the channel? (Re-auth is asked for separately.) */
export function can(role: Role | null | undefined, channel: ChannelName): boolean {
  const { who } = ACCESS[channel] as ChannelAccess;
  if (who === 'public') return true;
  if (who === 'registrant') return false;
  return role != null && who.includes(role);
}
