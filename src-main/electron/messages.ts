// Japanese messages the desktop shell itself shows or returns (the core has its own).
import type { ErrorCode, Result } from '../../src-shared/errors';

export const SHELL_MESSAGES = {
  forbidden: 'この操作は許可されていません。',
  noSession: 'セッションが開始されていません。画面を再読み込みしてください。',
  validation: '入力内容が正しくありません。',
  notFound: '指定された操作は存在しません。',
  internal: '内部エラーが発生しました。アプリを再起動してください。',
  hostStopped: '保管庫の処理プロセスが停止しました。アプリを再起動してください。',
  notReady: '保管庫を開いている途中です。しばらくしてから再度お試しください。',
} as const;

export function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
