// createCore: opens the vault (keys, the SQLCipher file, migrations), builds the feature
// modules on it, and returns the one entry point every adapter uses: call(session, channel, input).
import os from 'node:os';
import path from 'node:path';
import { ACCESS } from '../../src-shared/access';
import { contract } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { systemClock, type Clock } from './kernel/clock';
import type { HandlerTable } from './kernel/context';
import { createDispatcher } from './kernel/dispatch';
import { createKeyedLock } from './kernel/keyed-lock';
import { createJobs, type JobProgressListener } from './kernel/jobs';
import { createPhoneContextFactory } from './kernel/phone-context';
import { createSessionStore } from './kernel/sessions';
import { createAuditLog } from './platform/audit/audit-log';
import { createAuditHeadMirror } from './platform/audit/head-mirror';
import { createFieldCrypto } from './platform/crypto/field';
import { startCheckpointer } from './platform/db/checkpointer';
import type { StaffIdentity } from './kernel/principal';
import { stampedMemo } from './platform/db/change-stamp';
import { createCommitDurability } from './platform/db/durability';
import { checkpointTruncate } from './platform/db/open';
import type { AuditHead } from './platform/audit/audit-log';
import type { KeyStore } from './platform/keys/keystore';
import { generateRecoveryCode, writeRecoveryFile } from './platform/keys/recovery';
import type { Mailer } from './platform/mail/mailer';
import { createPooledSmtpMailer, createSmtpMailer } from './platform/mail/smtp';
import { sourceMigrationsDir } from './platform/paths';
import { takeBackup } from './platform/backup/take';
import type { RekeyProgressListener } from './platform/rekey/rekey';
import { openVault } from './platform/vault';
import { DB_FILE_NAME } from './platform/vault-manifest';
import { createAccountModule } from './modules/account';
import { createAttributesModule } from './modules/attributes';
import { createAuditModule } from './modules/audit';
import { createAuthModule } from './modules/auth';
import { createBackupsModule, type BackupsService } from './modules/backups';
import { createCollectionModule, type OutboxRetry, type PhoneService, type UploadLimits } from './modules/collection';
import { createCsvModule } from './modules/csv';
import { createJobsModule } from './modules/jobs';
import { createDependentsModule } from './modules/dependents';
import { createDisposalModule, type BackupCopies } from './modules/disposal';
import { createCrossCheck } from './modules/crosscheck';
import { createDocumentsModule } from './modules/documents';
import { createGroupsModule } from './modules/groups';
import { createLanModule, type LanService, type ListenerHostFactory } from './modules/lan';
import { createMyNumbersModule } from './modules/mynumbers';
import { createRegistrantsModule } from './modules/registrants';
import { createRecordLock, createStatusModule } from './modules/status';
import { createSubmissionsModule, type CrossChecker } from './modules/submissions';
import { createSettingsModule } from './modules/settings';
import { createSetupModule } from './modules/setup';
import { createSystemModule } from './modules/system';
import { createUserRepository, createUsersModule } from './modules/users';
import { createVaultModule } from './modules/vault';

/** How long without a phone upload before a cross-check runs (it shares the CPUs with them). */
const CROSS_CHECK_QUIET_MS = 2_000;

/** What the disposal record says of the backups that still hold disposed data (modules/backups). */
function backupCopiesOf(backups: Pick<BackupsService, 'backupsTakenBefore' | 'lastCopyGoneBy'>): BackupCopies {
  return {
    heldSince(disposedAt) {
      const held = backups.backupsTakenBefore(disposedAt.toISOString());
      if (held.length === 0) return null;
      const gone = backups.lastCopyGoneBy(disposedAt.toISOString());
      return { count: held.length, until: gone.kind === 'by' ? gone.at.slice(0, 10) : null };
    },
  };
}

export interface CoreOptions {
  dataDir: string;
  keyStore: KeyStore;
  clock?: Clock;
  mailer?: Mailer;
  /** How soon the collection e-mails' outbox tries again after a failure (tests shorten it). */
  outboxRetry?: OutboxRetry;
  /** Named in mails ("which machine asked"); defaults to the host name. */
  machineName?: string;
  /** The app's version, shown to the administrator (the desktop app passes its own). */
  appVersion?: string;
  /** better_sqlite3.node built for the running runtime (the desktop app passes its Electron build). */
  nativeBinding?: string;
  migrationsDir?: string;
  /** The LAN listener (src-main/lan) where it may run; without it the listener stays off. */
  listenerHost?: ListenerHostFactory;
  /** Reads the number from ID photos for the review's cross-check; defaults to modules/crosscheck (QR + local OCR). */
  crossChecker?: CrossChecker;
  /** Phone uploads processed at a time (default: one per CPU) and how long the others wait. */
  uploads?: UploadLimits;
  /** How often the core looks whether the daily backup is due (default 10 minutes; tests shorten it). */
  backupCheckMs?: number;
  /**
   * Which backups still hold the data of a disposal, and until when (the disposal record shows
   * it). The backups module provides it; without it none is known.
   */
  backupCopies?: BackupCopies;
  /** Told how a key rotation recorded earlier advances as it completes at this open; logged by default. */
  onRekeyProgress?: RekeyProgressListener;
}

export interface Core {
  /** Opens an anonymous session; the adapter keeps its key and passes it with every call. */
  openSession(): string;
  closeSession(sessionKey: string): void;
  call(sessionKey: string, channel: string, input: unknown): Promise<Result<unknown>>;
  /** Finishes mirroring the audit head, folds the WAL in and closes the database. */
  close(): Promise<void>;
  readonly vaultId: string;
  /** The phone API's rules, for the LAN listener. */
  readonly phone: PhoneService;
  /** The LAN listener: its status, and starting it on a binding of the caller's (the test harness). */
  readonly lan: Pick<LanService, 'status' | 'startOn' | 'stop'>;
  /**
   * Progress of long jobs (csv.importCommit with a jobId, …), each with the key of the session
   * that started it: the adapter hands it to that session's page only. Returns an unsubscribe.
   */
  onJobProgress(listener: JobProgressListener): () => void;
  /** Resolves once the cross-checks queued so far are done (tests; close waits for them too). */
  crossChecksIdle(): Promise<void>;
  /**
   * Commits the routine views' audit entries grouped so far (platform/db/durability.ts), which
   * otherwise commit by themselves within VIEW_BATCH_MS: for a reader on a connection of its
   * own that must see them at once (the tests that read the file directly).
   */
  commitViews(): void;
  /** Backups: the scheduled run, and what disposal records ask (backupsTakenBefore, lastCopyGoneBy). */
  readonly backups: Pick<BackupsService, 'runScheduledIfDue' | 'backupsTakenBefore' | 'lastCopyGoneBy' | 'idle'>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const machineName = options.machineName ?? os.hostname();
  const { keyStore } = options;
  const vault = await openVault({
    dataDir: options.dataDir,
    keyStore,
    clock,
    nativeBinding: options.nativeBinding,
    migrationsDir: options.migrationsDir ?? sourceMigrationsDir,
    onRekeyProgress: options.onRekeyProgress ?? (({ phase, done, total }) => console.error(`[core] key rotation: ${phase} ${done}/${total ?? '?'}`)),
  });
  const { db, vaultId, keys, dataDir } = vault;
  const checkpointer = await startCheckpointer({
    db,
    file: path.join(dataDir, DB_FILE_NAME),
    keyHex: keys.db,
    nativeBinding: options.nativeBinding,
    log: (line) => console.error(`[core] ${line}`),
  });

  // Platform: field crypto, the audit log and its head mirrored into the key store, sessions.
  const fields = createFieldCrypto(keys.field, keys.index);
  let auditLog: ReturnType<typeof createAuditLog> | null = null;
  let mirrored = false;
  // The head as of the last commit known to be on disk, while routine views run ahead of it:
  // the copy outside may lag the database after a power cut, never lead it.
  let durableHead: AuditHead | null = null;
  const durability = createCommitDurability(db, {
    beforeAhead: () => void (durableHead = auditLog?.head() ?? null),
    onDurable: () => headMirror.schedule(),
    log: (line) => console.error(`[core] ${line}`),
  });
  const headMirror = createAuditHeadMirror({
    store: { load: () => keyStore.loadAuditHead(vaultId), save: (text) => keyStore.saveAuditHead(vaultId, text) },
    current: () => (durability.durable() ? (auditLog?.head() ?? null) : durableHead),
    onWritten: () => {
      if (!mirrored) auditLog?.markMirrored(clock.now());
      mirrored = true;
    },
    log: (line) => console.error(`[core] ${line}`),
  });
  // While views run ahead of the disk the mirror keeps the durable head: onDurable schedules it then.
  auditLog = createAuditLog(db, keys.audit, { onAppend: () => void (durability.durable() && headMirror.schedule()) });
  mirrored = auditLog.wasMirrored();
  // A database that falls short of the head kept outside is evidence: never write over it.
  if (auditLog.checkHead(await headMirror.read())) headMirror.hold();
  else headMirror.schedule();
  const sessions = createSessionStore(() => clock.now().getTime());
  const lock = createKeyedLock();
  const users = createUserRepository(db);
  // The bundle as the key store holds it: a key rotation recorded in this run (vault.rekey)
  // adds the next keys, and a recovery code issued after that must still hold them.
  let vaultKeys = keys;
  const keysHolder = { current: () => vaultKeys, replace: (next: typeof keys) => void (vaultKeys = next) };
  const writeRecoveryCode = async (code: string) => {
    if (vaultKeys.pending) {
      vaultKeys = { ...vaultKeys, pending: { ...vaultKeys.pending, recoveryCode: code, recoveryCodeShown: true } };
      await keyStore.save(vaultId, vaultKeys);
    }
    await writeRecoveryFile(dataDir, vaultId, vaultKeys, code);
  };

  // Modules, each given only what it uses.
  const settings = createSettingsModule({ db, fields, machineName, writeRecoveryCode, generateRecoveryCode });
  // Read on every call (the idle lock, the second-factor rule): reused while no setting changes.
  const securityMemo = stampedMemo(db, 'settings', () => settings.services.settings.security());
  const security = () => securityMemo(undefined);
  const mailer = options.mailer ?? createSmtpMailer(() => settings.services.settings.smtp());
  const auth = createAuthModule({ db, fields, users, sessions, mailer, machineName, lock, security });
  const { guard, throttle, totpSecrets } = auth.services;
  const recordLock = createRecordLock(db);
  const groups = createGroupsModule({ db });
  const attributes = createAttributesModule({ db });
  const registrants = createRegistrantsModule({ db, lock: recordLock, ...groups.services, ...attributes.services });
  const status = createStatusModule({ db, lock: recordLock, ...registrants.services });
  const dependents = createDependentsModule({ db, lock: recordLock, ...registrants.services });
  // Direct entry of a number follows the review setting, which the submissions module holds.
  const reviewRequired = () => submissions.services.submissions.settings().reviewRequiredNow;
  const myNumbers = createMyNumbersModule({ db, fields, lock: recordLock, reviewRequired, ...registrants.services, ...status.services, ...dependents.services });
  const documents = createDocumentsModule({ db, fields, ...registrants.services });
  const submissions = createSubmissionsModule({
    db,
    fields,
    ...registrants.services,
    ...status.services,
    ...dependents.services,
    ...myNumbers.services,
    ...documents.services,
    crossChecker: options.crossChecker ?? createCrossCheck(),
    // Bound late, like onReturned: two seconds without a phone upload before each check.
    crossCheckWhenIdle: () => collection.services.phone.uploadsQuiet(CROSS_CHECK_QUIET_MS),
    commit: (fn) => durability.commit(fn),
    log: (line) => console.error(`[core] ${line}`),
    // Bound late: the collection module (which mails) is made after this one.
    onReturned: (returned) => collection.services.returnNotice.afterReturn(returned),
  });
  const { crossChecks } = submissions.services;
  const jobs = createJobs();
  const csv = createCsvModule({
    db,
    jobs,
    clock,
    fields,
    ...registrants.services,
    ...groups.services,
    ...attributes.services,
    ...status.services,
    ...dependents.services,
    ...myNumbers.services,
    ...submissions.services,
  });
  // Collection over the LAN: the listener's settings (lan) and the links and phone API (collection).
  const collection = createCollectionModule({
    db,
    fields,
    clock,
    ...registrants.services,
    ...submissions.services,
    ...status.services,
    documentStore: documents.services.documentStore,
    afterSubmit: (submissionId: string) => crossChecks.schedule(submissionId),
    contextFor: createPhoneContextFactory({ durability, auditLog, clock }),
    formUrl: () => lanModule.services.lan.formUrl(),
    allows: (address) => lanModule.services.lan.allows(address),
    // Many mails in a row: a pool of connections kept open, unlike the one-off login codes.
    mailer: options.mailer ?? createPooledSmtpMailer(() => settings.services.settings.smtp()),
    mailConfigured: () => options.mailer !== undefined || settings.services.settings.smtp() !== null,
    outboxRetry: options.outboxRetry,
    log: (line) => console.error(`[core] ${line}`),
    uploads: options.uploads,
  });
  const lanModule = createLanModule({
    db,
    fields,
    clock,
    host: options.listenerHost ? options.listenerHost(collection.services.phone) : null,
    commit: (fn) => durability.commit(fn),
    passcodeSet: () => collection.services.collectionSettings.view().passcodeSet,
    log: (line) => console.error(`[core] ${line}`),
  });
  const backups = createBackupsModule({
    db,
    clock,
    dataDir,
    // VACUUM INTO runs outside any transaction: the open group of views commits first (and is in the copy).
    take: (folder, now) => (durability.settle(), takeBackup({ db, dataDir, vaultId, dbKeyHex: keys.db, folder, now, nativeBinding: options.nativeBinding })),
    commit: (fn) => durability.commit(fn),
    appendAudit: (entry, at) => auditLog.append(entry, at),
    log: (line) => console.error(`[core] ${line}`),
  });
  const disposal = createDisposalModule({ db, dataDir, ...registrants.services, ...dependents.services, ...attributes.services, backups: options.backupCopies ?? backupCopiesOf(backups.services.backups), log: (line) => console.error(`[core] ${line}`) });
  const handlers: HandlerTable = {
    ...createSetupModule({ users, totpSecrets, lock, generateRecoveryCode, writeRecoveryCode }).handlers,
    ...auth.handlers,
    ...createAccountModule({ users, sessions, guard, totpSecrets, requireTotpForAll: () => security().requireTotpForAll }).handlers,
    ...createUsersModule({ users, throttle, sessions, assertGroupsExist: (ids) => groups.services.groups.assertExist(ids) }).handlers,
    ...settings.handlers,
    ...createVaultModule({ db, dataDir, vaultId, keyStore, keys: keysHolder }).handlers,
    ...registrants.handlers,
    ...groups.handlers,
    ...attributes.handlers,
    ...status.handlers,
    ...dependents.handlers,
    ...myNumbers.handlers,
    ...submissions.handlers,
    ...lanModule.handlers,
    ...collection.handlers,
    ...documents.handlers,
    ...csv.handlers,
    ...backups.handlers,
    ...createJobsModule({ jobs }).handlers,
    ...disposal.handlers,
    ...createSystemModule({ version: options.appVersion ?? 'unknown', dbFile: path.join(dataDir, DB_FILE_NAME), keyStore: keyStore.kind, auditLog }).handlers,
    ...createAuditModule({
      db,
      auditLog,
      heldCounts: (ctx) => registrants.services.registrants.heldCounts(ctx),
      headMirror,
      users,
      requireRegistrant: (ctx, id) => registrants.services.registrants.require(ctx, id),
      auditVisibility: (ctx) => registrants.services.registrants.auditVisibility(ctx),
      dependentIdsOf: (id) => dependents.services.dependents.idsOfRegistrant(id),
      submissionIdsOf: (id) => submissions.services.submissions.idsOfRegistrant(id),
      labels: {
        user: (id) => users.findById(id)?.loginId ?? null,
        // Someone disposed of is named, for an admin, as the disposal record keeps them.
        registrant: (id, ctx) => registrants.services.registrants.label(id, ctx) ?? (ctx?.user?.role === 'admin' ? disposal.services.disposal.disposedLabel(id) : null),
        group: (id) => groups.services.groups.label(id),
        attribute: (code) => attributes.services.attributes.label(code),
        dependent: (id, ctx) => dependents.services.dependents.label(id, ctx) ?? (ctx?.user?.role === 'admin' ? disposal.services.disposal.disposedLabel(id) : null),
        submission: (id, ctx) => submissions.services.submissions.label(id, ctx),
      },
    }).handlers,
  };

  // The caller as of this call, reused while no user or group scope changes (migration 0250).
  const staffById = stampedMemo(db, 'staff', (id: string): StaffIdentity | null => {
    const u = users.findById(id);
    if (!u) return null;
    const { loginId, displayName, role, disabled, mustChangePassword } = u;
    return { id, loginId, displayName, role, disabled, mustChangePassword, groupIds: Object.freeze([...u.groupIds]) };
  });
  const call = createDispatcher(
    { db, auditLog, clock, sessions, staffById, idleLockMinutes: () => security().idleLockMinutes, durability },
    contract,
    ACCESS,
    handlers,
  );
  // Mails queued before the app last stopped go out now.
  const { outboxSender } = collection.services;
  outboxSender.start();
  const { lan } = lanModule.services;
  await lan.boot();
  // Photos of forms never handed in are removed at start and every few hours after.
  const { phone } = collection.services;
  phone.purgeAbandonedUploads();
  const purgeTimer = setInterval(() => {
    try {
      phone.purgeAbandonedUploads();
    } catch (err) {
      console.error(`[core] purge of abandoned uploads failed: ${(err as Error).name}`);
    }
  }, 6 * 3_600_000);
  purgeTimer.unref();
  // The daily backup, when scheduled and due (the clock decides; the timer only looks).
  const backupTimer = setInterval(() => void backups.services.backups.runScheduledIfDue(), options.backupCheckMs ?? 10 * 60_000);
  backupTimer.unref();
  // Phone submissions left without a verdict when the app last closed are checked now.
  crossChecks.resume();
  return {
    vaultId,
    phone: collection.services.phone,
    lan: { status: () => lan.status(), startOn: (binding) => lan.startOn(binding), stop: () => lan.stop() },
    openSession: () => sessions.open(),
    closeSession: (key) => sessions.close(key),
    call,
    onJobProgress: (listener) => jobs.onProgress(listener),
    crossChecksIdle: () => crossChecks.idle(),
    commitViews: () => durability.settle(),
    backups: backups.services.backups,
    async close() {
      if (!db.open) return;
      clearInterval(purgeTimer);
      clearInterval(backupTimer);
      await backups.services.backups.idle();
      await lan.stop();
      await crossChecks.close();
      durability.flush();
      durability.stop();
      // Its last answers are committed before the head is mirrored and the file closed.
      await outboxSender.stop();
      await headMirror.flush();
      await checkpointer.stop();
      checkpointTruncate(db);
      db.close();
    },
  };
}

export { VaultOpenError } from './kernel/errors';
export { createFileKeyStore, takePassphraseFromEnv } from './platform/keys/file-keystore';
export { createOsKeyStore } from './platform/keys/os-keystore';
export { restoreKeysWithRecoveryCode } from './platform/keys/recovery';
export { restoreBackup, verifyBackup, RestoreTargetError } from './platform/backup/restore';
export { BackupFileError } from './platform/backup/container';
export { takeBackupOffline } from './modules/backups/offline';
export type { KeyStore } from './platform/keys/keystore';
export type { VaultKeys } from './platform/keys/vault-keys';
export type { Clock } from './kernel/clock';
export type { JobProgressListener } from './kernel/jobs';
export { systemClock } from './kernel/clock';
export type { Mailer, MailMessage } from './platform/mail/mailer';
