// Japanese strings of backups: the settings card and the dashboard's warning. Merged in
// index.ts; en-backups.ts mirrors it (the type checker enforces the same keys).
export const jaBackups = {
  backupsPage: {
    title: 'バックアップ',
    lead: '保管庫のデータ（暗号化されたまま）、回復コードで包んだ鍵、監査ログの最新の番号を1つのファイルにまとめて、別のディスクやネットワーク上のフォルダに保存します。復元には、このファイルと回復コードが必要です。',
    folder: 'バックアップ先のフォルダ',
    folderHint: 'フォルダの場所を入力してください（例: D:\\MyNumberVault-Backup、/mnt/backup）。保管庫と同じディスクは避けてください。',
    enabled: '毎日自動でバックアップする',
    enabledHint: '前回のバックアップから1日たつと、アプリが自動で作成します。',
    keep: '残すバックアップの数',
    keepHint: 'これより古いバックアップは、新しいバックアップを作成したときに削除されます。',
    saved: 'バックアップの設定を保存しました。',
    runNow: '今すぐバックアップ',
    ran: 'バックアップを作成しました: {{fileName}}',
    noFolderYet: 'バックアップ先のフォルダを設定して保存すると、バックアップを作成できます。',
    last: '前回の結果',
    lastNever: 'まだバックアップを作成していません。',
    lastSuccess: '{{at}} に作成しました（{{fileName}}）',
    lastFailure: '{{at}} に失敗しました: {{reason}}',
    nextDue: '次の自動バックアップ: {{at}} ごろ',
    recent: '最近のバックアップ',
    recentEmpty: 'まだ記録がありません。',
    columns: { at: '日時', fileName: 'ファイル名', size: 'サイズ', headSeq: '監査ログの番号', trigger: '作成', state: '状態' },
    trigger: { manual: '手動', scheduled: '自動' },
    state: { kept: '保存中', gone: '削除済み', failed: '失敗' },
    auditDetail: {
      trigger: '作成',
      fileName: 'ファイル',
      size: 'サイズ',
      headSeq: '監査ログの番号',
      deleted: '古いバックアップの削除',
      deletedCount: '{{count}} 件',
      folder: 'フォルダ',
      enabled: '毎日の自動バックアップ',
      keep: '残す数',
      backupCreatedAt: 'バックアップの作成日時',
    },
    restoreHint: '別のパソコンに復元するには、コマンドラインで mnv restore --file バックアップファイル --data-dir 新しいフォルダ を実行し、回復コードを入力します。',
  },
  backupAlert: {
    title: 'バックアップが1週間以上作成されていません',
    never: 'まだ一度もバックアップを作成していません。ディスクの故障やパソコンの入れ替えに備えて、バックアップを設定してください。',
    stale: '最後のバックアップは {{at}} です。バックアップ先のフォルダやディスクの接続を確かめてください。',
    open: 'バックアップの設定を開く',
  },
};

export type BackupsMessages = typeof jaBackups;
