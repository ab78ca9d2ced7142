// The mail that carries a one-time code (login, password reset). It names the machine that
// asked and when, so that a person who did not ask can tell.
import type { MailMessage } from '../../platform/mail/mailer';

function jst(date: Date): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export interface CodeMailFacts {
  to: string;
  displayName: string;
  code: string;
  purpose: 'login' | 'reset';
  machine: string;
  requestedAt: Date;
  expiresAt: Date;
}

export function codeMail(f: CodeMailFacts): MailMessage {
  const what = f.purpose === 'login' ? 'ログイン' : 'パスワードの再設定';
  return {
    to: f.to,
    subject: `【MyNumber Vault】${what}の確認コード`,
    text: [
      `${f.displayName} 様`,
      '',
      `MyNumber Vault の${what}のための確認コードです。`,
      '',
      `  確認コード: ${f.code}`,
      `  有効期限:   ${jst(f.expiresAt)} まで（10分間・1回限り）`,
      '',
      `要求した端末: ${f.machine}`,
      `要求日時:     ${jst(f.requestedAt)}`,
      '',
      'この操作に心当たりがない場合は、コードを誰にも伝えず、このメールを破棄して管理者に連絡してください。',
      '',
      '— MyNumber Vault',
    ].join('\n'),
  };
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}
