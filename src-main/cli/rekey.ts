// `mnv rekey`: rotates the database, field and blind-index keys of a vault the app is not
// running on. A rotation left unfinished (the process killed, the power cut, or one recorded
// in the app with 鍵の更新) is carried on from where it stopped by running it again.
import { systemClock } from '../core/kernel/clock';
import { createAuditLog } from '../core/platform/audit/audit-log';
import { checkpointTruncate } from '../core/platform/db/open';
import type { KeyStore } from '../core/platform/keys/keystore';
import { sourceMigrationsDir } from '../core/platform/paths';
import { beginRekey, holdExclusively, type RekeyProgress } from '../core/platform/rekey/rekey';
import { openVault } from '../core/platform/vault';

export interface RekeyCommandOptions {
  dataDir: string;
  vaultId: string;
  keyStore: KeyStore;
  /** Issue a new recovery code (printed once at the end) instead of keeping the current one. */
  issueNewRecoveryCode: boolean;
  /** Reads the current recovery code from standard input. */
  readRecoveryCode(): Promise<string>;
  migrationsDir?: string;
  /** The packaged app's Electron build of better-sqlite3. */
  nativeBinding?: string;
}

const PHASES: Record<string, string> = {
  numbers: 'マイナンバー',
  submissions: '提出中の番号',
  submissionDependents: '提出中の扶養親族の番号',
  images: '本人確認書類の画像',
  thumbnails: '画像の縮小版',
  totpSecrets: '認証アプリの秘密情報',
  mails: '送信待ちのメール',
  blindIndex: '重複検出用の索引',
  database: 'データベースファイル',
};

function printProgress({ phase, done, total }: RekeyProgress): void {
  const label = PHASES[phase];
  if (label) process.stderr.write(`鍵の更新: ${label} ${done}/${total ?? '?'}\n`);
}

export async function runRekeyCommand(o: RekeyCommandOptions): Promise<number> {
  const clock = systemClock;
  const migrationsDir = o.migrationsDir ?? sourceMigrationsDir;
  const stored = await o.keyStore.load(o.vaultId);
  if (stored?.pending) {
    process.stderr.write('前回の鍵の更新が終わっていません。続きから再開します。\n');
  } else {
    // Opened as the app opens it (on the current schema), only to record the rotation.
    const vault = await openVault({ dataDir: o.dataDir, keyStore: o.keyStore, clock, migrationsDir, nativeBinding: o.nativeBinding });
    try {
      // Refused (IN_USE) while the app has the vault open: it would go on writing to the old file.
      holdExclusively(vault.db);
      const audit = createAuditLog(vault.db, vault.keys.audit);
      const result = await beginRekey({
        db: vault.db,
        dataDir: o.dataDir,
        vaultId: o.vaultId,
        keyStore: o.keyStore,
        keys: vault.keys,
        recovery: o.issueNewRecoveryCode ? { issueNew: true } : { keep: await o.readRecoveryCode() },
        showsCodeNow: false,
        clock,
        audit: (entry) => vault.db.transaction(() => audit.append({ actorLabel: 'mnv rekey', ...entry }, clock.now()))(),
      });
      if ('refused' in result) {
        process.stderr.write(
          result.refused === 'mailsQueued'
            ? `送信待ちのメールが ${result.count} 件あります。アプリで送信が終わるのを待ってから実行してください。何も変更していません。\n`
            : '回復コードが違います。今の回復コードを入力するか、--new-recovery-code で新しい回復コードを発行してください。何も変更していません。\n',
        );
        return 2;
      }
    } finally {
      checkpointTruncate(vault.db);
      vault.db.close();
    }
  }
  // Opening carries the recorded rotation through (platform/rekey), reporting as it goes.
  const vault = await openVault({ dataDir: o.dataDir, keyStore: o.keyStore, clock, migrationsDir, nativeBinding: o.nativeBinding, onRekeyProgress: printProgress });
  checkpointTruncate(vault.db);
  vault.db.close();
  process.stdout.write('鍵を更新しました（データベース・暗号化・重複検出用の索引）。収集用リンクは無効になりました。必要なら発行し直してください。\n');
  if (vault.newRecoveryCode) {
    process.stdout.write(`新しい回復コード（一度だけ表示します。控えて安全な場所に保管してください）:\n${vault.newRecoveryCode}\n`);
  }
  return 0;
}
