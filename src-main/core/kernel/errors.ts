// Errors of the core. AppError becomes a handler's { ok:false, error } reply, its text looked
// up by key (src-shared/messages) so the English UI can show it in English; VaultOpenError is
// thrown when the vault cannot be opened and is shown to a person by the adapter.
import type { ErrorCode } from '../../../src-shared/errors';
import { formatMessage, type ErrorKey, type MessageParams } from '../../../src-shared/messages';
import type { AuditEntry } from '../platform/audit/audit-log';

export interface AppErrorOptions {
  params?: MessageParams;
  /**
   * A refusal worth recording: written by the dispatcher after the failed call's transaction
   * has rolled back, so the record survives the refusal it describes.
   */
  audit?: AuditEntry;
}

export class AppError extends Error {
  readonly params: MessageParams | undefined;
  readonly audit: AuditEntry | undefined;

  constructor(
    readonly code: ErrorCode,
    readonly messageKey: ErrorKey | `validation.${string}`,
    options: AppErrorOptions = {},
  ) {
    super(formatMessage('ja', messageKey, options.params));
    this.name = 'AppError';
    this.params = options.params;
    this.audit = options.audit;
  }
}

export type VaultOpenErrorCode =
  | 'KEY_MISSING'
  | 'WRONG_KEY'
  | 'WRONG_PASSPHRASE'
  | 'PASSPHRASE_REQUIRED'
  | 'WEAK_PASSPHRASE'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'NEWER_VERSION'
  | 'CORRUPT'
  | 'WRONG_RECOVERY_CODE'
  | 'IN_USE';

const openMessages: Record<VaultOpenErrorCode, string> = {
  KEY_MISSING:
    '保管庫の鍵がキーチェーンに見つかりません。データは削除していません。回復コードで鍵を復元してください（mnv recover）。',
  WRONG_KEY: '保管庫の鍵が一致しないため、データベースを開けません。データは削除していません。',
  WRONG_PASSPHRASE: 'パスフレーズが違います。データは変更していません。',
  PASSPHRASE_REQUIRED: 'パスフレーズが指定されていません（MNV_PASSPHRASE）。',
  WEAK_PASSPHRASE:
    'このパスフレーズは推測されやすいため使えません。12文字以上の、長めの文や単語の組み合わせにしてください。データは変更していません。',
  KEYCHAIN_UNAVAILABLE:
    'OSのキーチェーン（資格情報ストア）を利用できません。ロックを解除してから再度お試しください。データは変更していません。',
  NEWER_VERSION:
    'このデータベースは新しいバージョンのMyNumber Vaultで作成されています。アプリを更新してください。データは変更していません。',
  CORRUPT: 'データベースを開けません（破損の可能性があります）。データは削除していません。バックアップからの復元を検討してください。',
  WRONG_RECOVERY_CODE: '回復コードが違います。データは変更していません。',
  IN_USE: '保管庫は他のプログラム（アプリなど）が使用中です。アプリを終了してから、もう一度実行してください。データは変更していません。',
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
