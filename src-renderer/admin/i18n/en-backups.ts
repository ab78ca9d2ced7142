// English strings of backups. Mirrors ja-backups.ts (the type checker enforces the same keys).
import type { BackupsMessages } from './ja-backups';

export const enBackups: BackupsMessages = {
  backupsPage: {
    title: 'Backups',
    lead: "The vault's data (still encrypted), its keys wrapped by the recovery code and the audit trail's latest number, in one file saved to a folder on another disk or a network share. Restoring needs this file and the recovery code.",
    folder: 'Backup folder',
    folderHint: 'Type the folder\'s path (e.g. D:\\MyNumberVault-Backup, /mnt/backup). Avoid the disk the vault is on.',
    enabled: 'Back up automatically every day',
    enabledHint: 'The app takes one when a day has passed since the last backup.',
    keep: 'Backups to keep',
    keepHint: 'Older ones are deleted when a new backup is taken.',
    saved: 'The backup settings were saved.',
    runNow: 'Back up now',
    ran: 'Backup taken: {{fileName}}',
    noFolderYet: 'Set and save a backup folder to take backups.',
    last: 'Last result',
    lastNever: 'No backup has been taken yet.',
    lastSuccess: 'Taken at {{at}} ({{fileName}})',
    lastFailure: 'Failed at {{at}}: {{reason}}',
    nextDue: 'Next automatic backup: around {{at}}',
    recent: 'Recent backups',
    recentEmpty: 'Nothing yet.',
    columns: { at: 'Time', fileName: 'File', size: 'Size', headSeq: 'Audit entry no.', trigger: 'Taken', state: 'State' },
    trigger: { manual: 'By hand', scheduled: 'Automatic' },
    state: { kept: 'Kept', gone: 'Deleted', failed: 'Failed' },
    restoreHint: 'To restore on another PC, run mnv restore --file BACKUP_FILE --data-dir NEW_FOLDER on the command line and enter the recovery code.',
  },
  backupAlert: {
    title: 'No backup in more than a week',
    never: 'No backup has ever been taken. Set up backups against a failed disk or a replaced PC.',
    stale: 'The last backup was taken at {{at}}. Check the backup folder and that its disk is connected.',
    open: 'Open the backup settings',
  },
};
