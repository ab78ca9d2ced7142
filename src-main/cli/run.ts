// `mnv`: the administrator's command line. Secrets (recovery code, passphrase) are read
// from standard input or the environment, never from argv, which other users can see.
// Run by Node from its bundle (dist/electron/mnv.mjs), or by the packaged app with --mnv.
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import {
  BackupFileError,
  createFileKeyStore,
  createOsKeyStore,
  restoreBackup,
  restoreKeysWithRecoveryCode,
  RestoreTargetError,
  systemClock,
  takeBackupOffline,
  takePassphraseFromEnv,
  verifyBackup,
  VaultOpenError,
  type KeyStore,
} from '../core/index';
import { AppError } from '../core/kernel/errors';
import { readManifest } from '../core/platform/vault-manifest';
import { runRekeyCommand } from './rekey';

export const RECOVERY_CODE_ENV = 'MNV_RECOVERY_CODE';

const USAGE = `使い方 / usage:
  mnv recover --data-dir DIR [--key-store os|file]
      回復コードで保管庫の鍵を復元します（回復コードは標準入力から）。
      file を選ぶと新しいパスフレーズを MNV_PASSPHRASE から読みます。
  mnv info --data-dir DIR
      保管庫のIDと鍵の保管方法を表示します（秘密は表示しません）。
  mnv rekey --data-dir DIR [--new-recovery-code]
      データベース・暗号化・重複検出用の索引の鍵を更新します（アプリを終了してから）。
      今の回復コードを MNV_RECOVERY_CODE か標準入力から読みます。--new-recovery-code を付けると
      新しい回復コードを発行して最後に一度だけ表示します（古いコードでは何も開けなくなります）。
      中断した場合は、もう一度実行すると続きから再開します。
  mnv backup --data-dir DIR [--out FOLDER]
      バックアップを作成します（既定はアプリで設定したフォルダ）。
      鍵は保管庫の鍵の保管場所から（file なら MNV_PASSPHRASE）。
  mnv restore --file BACKUP --data-dir NEW_DIR [--key-store os|file]
      バックアップを空のフォルダに復元し、鍵をこのパソコンの鍵の保管場所に入れます。
      回復コードは MNV_RECOVERY_CODE か標準入力から。file を選ぶと新しいパスフレーズを MNV_PASSPHRASE から読みます。
  mnv verify BACKUP [--with-recovery-code]
      チェックサムと構成を確かめます（秘密は不要）。--with-recovery-code を付けると、
      回復コード（MNV_RECOVERY_CODE か標準入力）で鍵を開き、データベースと監査ログの連鎖も確かめます。`;

export interface MnvRuntime {
  /** The packaged app passes its Electron build of better-sqlite3. */
  nativeBinding?: string;
  /** migrations/ as shipped beside the app (rekey opens the vault on the current schema). */
  migrationsDir?: string;
  env?: NodeJS.ProcessEnv;
}

async function readLine(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const line = (await rl[Symbol.asyncIterator]().next()).value ?? '';
  rl.close();
  return String(line).trim();
}

/** The recovery code from MNV_RECOVERY_CODE (removed at once, like the passphrase) or stdin. */
async function recoveryCode(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env[RECOVERY_CODE_ENV];
  delete env[RECOVERY_CODE_ENV];
  return fromEnv ?? (await readLine('回復コード: '));
}

function keyStoreFor(kind: string, dataDir: string, env: NodeJS.ProcessEnv): KeyStore {
  if (kind === 'os') return createOsKeyStore();
  if (kind === 'file') return createFileKeyStore({ dataDir, passphrase: takePassphraseFromEnv(env) });
  throw new Error(`--key-store は os または file です: ${kind}`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export async function runMnv(argv: string[], runtime: MnvRuntime = {}): Promise<number> {
  const env = runtime.env ?? process.env;
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'key-store': { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      'with-recovery-code': { type: 'boolean' },
      'new-recovery-code': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  const dataDir = values['data-dir'];
  if (values.help || !command) {
    console.error(USAGE);
    return values.help ? 0 : 64;
  }
  const { nativeBinding } = runtime;

  if (command === 'verify') {
    const file = rest[0] ?? values.file;
    if (!file) {
      console.error(USAGE);
      return 64;
    }
    const code = values['with-recovery-code'] ? await recoveryCode(env) : undefined;
    const report = await verifyBackup(file, code, nativeBinding);
    process.stdout.write(
      `チェックサム: 正常 / checksum: ok\nvaultId: ${report.vaultId}\ncreatedAt: ${report.createdAt}\nauditHeadSeq: ${report.headSeq}\nsize: ${formatBytes(report.bytes)}\n`,
    );
    if (!report.chain) return 0;
    if (!report.chain.ok) {
      process.stdout.write(`監査ログ: 連鎖が壊れています（${report.chain.problem}${report.chain.firstBadSeq ? `, seq ${report.chain.firstBadSeq}` : ''}）/ audit chain: broken\n`);
      return 3;
    }
    process.stdout.write(`データベース: 開けました / database: opens\n監査ログ: ${report.chain.checked}件 正常 / audit chain: intact\n`);
    return 0;
  }

  if (command === 'restore') {
    const file = values.file ?? rest[0];
    if (!file || !dataDir) {
      console.error(USAGE);
      return 64;
    }
    const keyStore = keyStoreFor(values['key-store'] ?? 'os', dataDir, env);
    const code = await recoveryCode(env);
    const result = await restoreBackup({ file, dataDir, recoveryCode: code, keyStore, clock: systemClock, nativeBinding });
    process.stdout.write(`復元しました（${result.backupCreatedAt} のバックアップ）。アプリを起動してください。\nvaultId: ${result.vaultId}\n`);
    return 0;
  }

  if (!dataDir) {
    console.error(USAGE);
    return 64;
  }
  const manifest = readManifest(dataDir);
  if (!manifest) {
    console.error(`保管庫が見つかりません: ${dataDir}`);
    return 66;
  }
  switch (command) {
    case 'info':
      process.stdout.write(`vaultId: ${manifest.vaultId}\nkeyStore: ${manifest.keyStore}\ncreatedAt: ${manifest.createdAt}\n`);
      return 0;
    case 'recover': {
      const keyStore = keyStoreFor(values['key-store'] ?? manifest.keyStore, dataDir, env);
      const code = await readLine('回復コード: ');
      await restoreKeysWithRecoveryCode(dataDir, manifest.vaultId, code, keyStore);
      process.stdout.write('鍵を復元しました。アプリを起動してください。\n');
      return 0;
    }
    case 'rekey':
      return runRekeyCommand({
        dataDir,
        vaultId: manifest.vaultId,
        keyStore: keyStoreFor(manifest.keyStore, dataDir, env),
        issueNewRecoveryCode: values['new-recovery-code'] ?? false,
        readRecoveryCode: () => recoveryCode(env),
        ...(runtime.migrationsDir ? { migrationsDir: runtime.migrationsDir } : {}),
        ...(nativeBinding ? { nativeBinding } : {}),
      });
    case 'backup': {
      const keyStore = keyStoreFor(manifest.keyStore, dataDir, env);
      const taken = await takeBackupOffline({ dataDir, keyStore, folder: values.out, clock: systemClock, nativeBinding, log: (line) => console.error(line) });
      process.stdout.write(`バックアップを作成しました: ${taken.folder}/${taken.fileName}（${formatBytes(taken.bytes)}）\n`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 64;
  }
}

/** A refusal as the person should read it: exit 2 for a known refusal, 1 for anything else. */
export function reportFailure(err: unknown): number {
  if (err instanceof VaultOpenError || err instanceof BackupFileError || err instanceof RestoreTargetError || err instanceof AppError) {
    console.error(err.message);
    return 2;
  }
  console.error(`エラー: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
}
