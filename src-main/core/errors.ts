// Errors of the core. AppError becomes a handler's { ok:false, error } reply; VaultOpenError
// is thrown when the vault cannot be opened and is shown to a person by the adapter.
import type { ErrorCode } from '../../src-shared/errors';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type VaultOpenErrorCode =
  | 'KEY_MISSING'
  | 'WRONG_KEY'
  | 'WRONG_PASSPHRASE'
  | 'PASSPHRASE_REQUIRED'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'NEWER_VERSION'
  | 'CORRUPT'
  | 'WRONG_RECOVERY_CODE';

const openMessages: Record<VaultOpenErrorCode, string> = {
  KEY_MISSING:
    '保管庫の鍵がキーチェーンに見つかりません。データは削除していません。回復コードで鍵を復元してください（mnv recover）。',
  WRONG_KEY: '保管庫の鍵が一致しないため、データベースを開けません。データは削除していません。',
  WRONG_PASSPHRASE: 'パスフレーズが違います。データは変更していません。',
  PASSPHRASE_REQUIRED: 'パスフレーズが指定されていません（MNV_PASSPHRASE）。',
  KEYCHAIN_UNAVAILABLE:
    'OSのキーチェーン（資格情報ストア）を利用できません。ロックを解除してから再度お試しください。データは変更していません。',
  NEWER_VERSION:
    'このデータベースは新しいバージョンのMyNumber Vaultで作成されています。アプリを更新してください。データは変更していません。',
  CORRUPT: 'データベースを開けません（破損の可能性があります）。データは削除していません。バックアップからの復元を検討してください。',
  WRONG_RECOVERY_CODE: '回復コードが違います。データは変更していません。',
};

export class VaultOpenError extends Error {
  constructor(
    readonly code: VaultOpenErrorCode,
    detail?: string,
  ) {
    super(detail ? `${openMessages[code]}（${detail}）` : openMessages[code]);
    this.name = 'VaultOpenError';
  }
}
