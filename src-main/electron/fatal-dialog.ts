// The texts of the error dialogs main shows before quitting. Nothing is ever deleted on
// these paths: the dialogs say so, and where the data is.
import type { MessageBoxOptions } from 'electron';

const TITLE = 'MyNumber Vault';

export function vaultOpenFailedDialog(message: string, dataDir: string): MessageBoxOptions {
  return {
    type: 'error',
    title: TITLE,
    message: '保管庫を開けませんでした',
    detail: `${message}\n\nデータの保管場所: ${dataDir}\nこのフォルダーは削除・移動しないでください。`,
    buttons: ['終了'],
    noLink: true,
  };
}

export function nativeModuleMissingDialog(file: string): MessageBoxOptions {
  return {
    type: 'error',
    title: TITLE,
    message: 'データベース部品が見つかりません',
    detail:
      `Electron用のデータベース部品（${file}）が見つからないため起動できません。データは変更していません。\n` +
      '開発環境では npm run build:native-electron を実行してください。インストール版の場合は再インストールしてください。',
    buttons: ['終了'],
    noLink: true,
  };
}

export function hostStoppedDialog(): MessageBoxOptions {
  return {
    type: 'error',
    title: TITLE,
    message: '保管庫の処理プロセスが停止しました',
    detail: 'アプリを終了します。もう一度起動してください。データは削除していません。',
    buttons: ['終了'],
    noLink: true,
  };
}

/** Printed (no dialog: the app leaves before anything starts) when a debugging switch is given. */
export function forbiddenSwitchMessage(switches: readonly string[]): string {
  return `MyNumber Vault: 安全のため、次のオプションを付けて起動することはできません: ${switches.map((s) => `--${s}`).join(', ')}。オプションを付けずに起動してください。データは変更していません。`;
}
