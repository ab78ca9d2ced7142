// The messages the core and the UI share, in Japanese: field names, validation messages and
// the errors the core returns. The core sends the key with its parameters beside the Japanese
// text, so the English UI shows the same message in English (en.ts has the same keys).
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain';

export const ja = {
  /** What {{field}} reads as in a validation message. */
  fields: {
    loginId: 'ログインID',
    displayName: '表示名',
    email: 'メールアドレス',
    password: 'パスワード',
    currentPassword: '現在のパスワード',
    newPassword: '新しいパスワード',
    initialPassword: '初期パスワード',
    temporaryPassword: '仮パスワード',
    code: '確認コード',
    host: 'SMTPサーバー',
    port: 'ポート番号',
    username: 'ユーザー名',
    from: '送信元アドレス',
    to: '送信先アドレス',
    idleLockMinutes: '自動ロックまでの時間',
    employeeCode: '従業員番号',
    familyName: '姓',
    givenName: '名',
    familyNameKana: 'セイ（フリガナ）',
    givenNameKana: 'メイ（フリガナ）',
    birthDate: '生年月日',
    attributes: '属性',
    myNumber: 'マイナンバー',
    purposeId: '利用目的',
    text: '検索語',
    id: 'ID',
    role: '権限',
    secondFactor: '2段階目の認証',
  },
  validation: {
    required: '{{field}}を入力してください',
    tooShort: '{{field}}は{{minimum}}文字以上で入力してください',
    tooLong: '{{field}}は{{maximum}}文字以内で入力してください',
    email: 'メールアドレスの形式が正しくありません',
    format: '{{field}}の形式が正しくありません',
    outOfRange: '{{field}}の値が範囲外です',
    minItems: '{{field}}を{{minimum}}つ以上選んでください',
    tooMany: '{{field}}が多すぎます',
    unknownField: '想定していない項目が含まれています',
    invalid: '{{field}}の値が正しくありません',
    katakana: '{{field}}はカタカナ（またはひらがな）で入力してください',
    date: '{{field}}が正しい日付ではありません',
    checkDigit: 'マイナンバーの検査用数字（12桁目）が一致しません。番号を確かめてください',
    passwordMismatch: 'パスワードが一致しません',
    /** Messages for one field, where the general one would read poorly. */
    byField: {
      loginId: { format: 'ログインIDは半角英数字と . _ @ - で入力してください', tooShort: 'ログインIDは3文字以上で入力してください' },
      code: { format: '6桁の数字を入力してください', required: '6桁の数字を入力してください' },
      myNumber: { format: 'マイナンバーは12桁の数字で入力してください', tooLong: 'マイナンバーは12桁の数字で入力してください' },
      employeeCode: { format: '従業員番号は半角英数字と - _ で入力してください' },
      birthDate: { format: '生年月日は YYYY-MM-DD の形式で入力してください' },
      attributes: { minItems: '属性を1つ以上選んでください' },
      idleLockMinutes: { outOfRange: '1〜30分の範囲で指定してください' },
      port: { outOfRange: 'ポート番号は1〜65535で指定してください', invalid: 'ポート番号は1〜65535で指定してください' },
      purposeId: { required: '利用目的を選んでください' },
      password: { tooLong: `パスワードは${PASSWORD_MAX_LENGTH}文字以内で入力してください` },
    },
  },
  errors: {
    invalidInput: '入力内容に誤りがあります',
    unknownChannel: '不明な操作です',
    badSession: 'セッションが無効です。画面を再読み込みしてください',
    loginRequired: 'ログインしてください',
    sessionLocked: '一定時間操作がなかったため、画面をロックしました。もう一度ログインしてください',
    mustChangePassword: 'パスワードの変更が必要です。新しいパスワードを設定してください',
    forbidden: 'この操作を行う権限がありません',
    reauthRequired: 'この操作にはパスワードの再入力が必要です',
    internal: '処理中にエラーが発生しました。しばらくしてから再度お試しください',
    password: {
      too_short: `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください`,
      too_long: `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください`,
      contains_own_info: 'ログインID・氏名・メールアドレスを含むパスワードは使えません',
      too_guessable: 'このパスワードは推測されやすいため使えません。長めの文や単語の組み合わせにしてください',
    },
    auth: {
      badCredentials: 'ログインIDまたはパスワードが正しくありません',
      tooManyAttempts: '失敗が続いたため、しばらく待ってから再度お試しください',
      lockedOut:
        'ログインの失敗が続いたため、このログインIDは一時的にロックされています。1時間後に再度お試しいただくか、管理者に解除を依頼してください',
      temporaryPasswordExpired: '仮パスワードの有効期限（{{hours}}時間）が切れています。管理者に再発行を依頼してください',
      badCode: '確認コードが正しくありません',
      challengeGone: '確認の有効期限が切れたか、試行回数を超えました。もう一度ログインしてください',
      resendNotPossible: 'この確認方法ではコードを再送信できません',
      resendWait: '確認コードの再送信は{{seconds}}秒後にお試しください',
      badPassword: 'パスワードが正しくありません',
      resetFailed: '確認コードが正しくないか、有効期限が切れています。もう一度やり直してください',
    },
    account: {
      badCurrentPassword: '現在のパスワードが正しくありません',
      samePassword: '新しいパスワードは現在のものと違うものにしてください',
      enrolmentExpired: '登録の有効期限が切れました。最初からやり直してください',
      badTotpCode: '確認コードが正しくありません。認証アプリに表示されている6桁を入力してください',
      totpRequired: '管理者の設定により、認証アプリ（TOTP）による確認が必須です',
    },
    mail: {
      notConfigured: 'メール送信（SMTP）が設定されていません。管理者に連絡してください',
      failed: 'メールを送信できませんでした。しばらくしてから再度お試しください。続く場合は管理者に連絡してください',
    },
    setup: {
      alreadyDone: '初期設定は完了しています。管理者の追加はユーザー管理から行ってください',
      nothingToConfirm: '確認できる認証アプリの登録がありません',
    },
    users: {
      notFound: 'ユーザーが見つかりません',
      lastAdmin: '有効な最高権限ユーザーが他にいないため、この変更はできません',
      loginIdTaken: 'このログインIDは既に使われています',
      cannotDisableSelf: '自分自身を無効にすることはできません',
    },
    registrants: {
      notFound: '登録者が見つかりません',
      employeeCodeTaken: 'この従業員番号は別の登録者に使われています',
    },
    mynumber: {
      heldElsewhere: 'このマイナンバーは別の登録者に登録されています。番号と登録者を確かめてください',
      purposeRequired: '利用目的を選んでください',
      noNumberYet: 'この登録者のマイナンバーはまだ登録されていません',
    },
    shell: {
      forbidden: 'この操作は許可されていません。',
      noSession: 'セッションが開始されていません。画面を再読み込みしてください。',
      internal: '内部エラーが発生しました。アプリを再起動してください。',
      hostStopped: '保管庫の処理プロセスが停止しました。アプリを再起動してください。',
      notReady: '保管庫を開いている途中です。しばらくしてから再度お試しください。',
    },
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The shape both languages fill. */
export type MessageCatalogue = Strings<typeof ja>;
