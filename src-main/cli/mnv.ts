// `mnv`: the administrator's command line. Secrets (recovery code, passphrase) are read
// from standard input or the environment, never from argv, which other users can see.
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { createFileKeyStore, createOsKeyStore, restoreKeysWithRecoveryCode, takePassphraseFromEnv, VaultOpenError, type KeyStore } from '../core/index';
import { readManifest } from '../core/platform/vault-manifest';
import { runRekeyCommand } from './rekey';

const USAGE = `使い方 / usage:
  mnv recover --data-dir DIR [--key-store os|file]
      回復コードで保管庫の鍵を復元します（回復コードは標準入力から）。
      file を選ぶと新しいパスフレーズを MNV_PASSPHRASE から読みます。
  mnv rekey --data-dir DIR [--new-recovery-code]
      データベース・暗号化・重複検出用の索引の鍵を更新します（アプリを終了してから）。
      今の回復コードを標準入力から読みます。--new-recovery-code を付けると新しい回復コードを
      発行して最後に一度だけ表示します（古いコードでは何も開けなくなります）。
      中断した場合は、もう一度実行すると続きから再開します。
  mnv info --data-dir DIR
      保管庫のIDと鍵の保管方法を表示します（秘密は表示しません）。`;

async function readLine(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const line = (await rl[Symbol.asyncIterator]().next()).value ?? '';
  rl.close();
  return String(line).trim();
}

function keyStoreFor(kind: string, dataDir: string): KeyStore {
  if (kind === 'os') return createOsKeyStore();
  if (kind === 'file') return createFileKeyStore({ dataDir, passphrase: takePassphraseFromEnv() });
  throw new Error(`--key-store は os または file です: ${kind}`);
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'key-store': { type: 'string' },
      'new-recovery-code': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  const dataDir = values['data-dir'];
  if (values.help || !command || !dataDir) {
    console.error(USAGE);
    return values.help ? 0 : 64;
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
      const keyStore = keyStoreFor(values['key-store'] ?? manifest.keyStore, dataDir);
      const code = await readLine('回復コード: ');
      await restoreKeysWithRecoveryCode(dataDir, manifest.vaultId, code, keyStore);
      process.stdout.write('鍵を復元しました。アプリを起動してください。\n');
      return 0;
    }
    case 'rekey':
      return runRekeyCommand({
        dataDir,
        vaultId: manifest.vaultId,
        keyStore: keyStoreFor(manifest.keyStore, dataDir),
        issueNewRecoveryCode: values['new-recovery-code'] ?? false,
        readRecoveryCode: () => readLine('回復コード: '),
      });
    default:
      console.error(USAGE);
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof VaultOpenError ? err.message : `エラー: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof VaultOpenError ? 2 : 1);
  },
);
