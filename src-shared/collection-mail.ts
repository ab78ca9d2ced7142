// Collection e-mails (収集メール): the two kinds, who each goes to, the placeholders a template
// may hold, the default templates, and rendering. One set of rules for the core (which renders
// and refuses a bad template) and the admin UI (its editor's checks and preview).
import type { RegistrantStatus } from './domain';

export const MAIL_KINDS = ['invitation', 'reminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Whom each kind may go to: an invitation to anyone who may still submit (not while a
 * submission waits for review, never once 完了); a reminder only to those who have not
 * submitted (未登録) or whose submission was returned (差戻し).
 */
export const MAIL_RECIPIENT_STATUSES: Record<MailKind, readonly RegistrantStatus[]> = {
  invitation: ['unregistered', 'returned', 'declined'],
  reminder: ['unregistered', 'returned'],
};

/**
 * Why a mail was not (yet) sent: the server refused it (smtp_rejected, final) or could not be
 * reached (smtp_unavailable, tried again), no SMTP server is set (not_configured, tried again),
 * its link stopped working before it left (link_replaced, link_expired, completed: never sent),
 * or its sealed message did not open (unreadable).
 */
export const MAIL_FAILURE_CODES = ['smtp_rejected', 'smtp_unavailable', 'not_configured', 'link_replaced', 'link_expired', 'completed', 'unreadable'] as const;
export type MailFailureCode = (typeof MAIL_FAILURE_CODES)[number];

/** What a template may hold, each written in braces: {氏名} {URL} {期限} {会社名}. */
export const MAIL_PLACEHOLDERS = ['氏名', 'URL', '期限', '会社名'] as const;
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number];
export type MailValues = Record<MailPlaceholder, string>;

export const MAIL_SUBJECT_MAX = 150;
export const MAIL_BODY_MAX = 4000;

/** The four texts of the templates, named as the contract's fields are. */
export const MAIL_TEMPLATE_FIELDS = ['invitationSubject', 'invitationBody', 'reminderSubject', 'reminderBody'] as const;
export type MailTemplateField = (typeof MAIL_TEMPLATE_FIELDS)[number];
export type MailTemplates = Record<MailTemplateField, string>;

const PASSCODE_NOTE = [
  'リンクを開くと「会社パスコード」の入力を求められます。パスコードはこのメールには書いていません。人事担当者から別にお知らせします。',
  'このリンクはあなた専用です。ほかの人に転送しないでください。',
].join('\n');

export const DEFAULT_MAIL_TEMPLATES: MailTemplates = {
  invitationSubject: '【{会社名}】マイナンバー提出のお願い',
  invitationBody: [
    '{氏名} 様',
    '',
    '{会社名} 人事担当です。',
    '社会保険と税の手続きのため、マイナンバー（個人番号）の提出をお願いします。',
    '',
    '会社のネットワーク（社内Wi-Fiなど）につないだスマートフォンで、次のリンクを開いてください。',
    '{URL}',
    '',
    'リンクの有効期限: {期限}',
    '',
    PASSCODE_NOTE,
    '',
    'ご不明な点は人事担当までお問い合わせください。',
  ].join('\n'),
  reminderSubject: '【{会社名}】マイナンバー提出のお願い（再送）',
  reminderBody: [
    '{氏名} 様',
    '',
    '{会社名} 人事担当です。',
    'マイナンバー（個人番号）のご提出がまだ確認できていないため、あらためてご案内します。',
    '以前お送りしたリンクは使えなくなりました。次の新しいリンクを、会社のネットワークにつないだスマートフォンで開いてください。',
    '{URL}',
    '',
    'リンクの有効期限: {期限}',
    '',
    PASSCODE_NOTE,
    '',
    '行き違いでご提出済みの場合はご容赦ください。',
  ].join('\n'),
};

/** Every {…} written in a text (anything in ASCII braces counts as a placeholder). */
const BRACED = /\{([^{}\n]*)\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(BRACED)].map((m) => m[1]!);
}

function isPlaceholder(name: string): name is MailPlaceholder {
  return (MAIL_PLACEHOLDERS as readonly string[]).includes(name);
}

/** What is wrong with one text of the templates, as a message key of errors.collectionMail and its parameters. */
export interface TemplateProblem {
  field: MailTemplateField;
  key: 'errors.collectionMail.unknownPlaceholder' | 'errors.collectionMail.urlMissing' | 'errors.collectionMail.urlInSubject' | 'errors.collectionMail.subjectOneLine';
  params: { field: MailTemplateField; placeholder?: string };
}

/** The first problem of one text, or null. */
export function templateFieldProblem(field: MailTemplateField, text: string): TemplateProblem | null {
  const subject = field.endsWith('Subject');
  const unknown = placeholdersIn(text).find((name) => !isPlaceholder(name));
  if (unknown !== undefined) return { field, key: 'errors.collectionMail.unknownPlaceholder', params: { field, placeholder: `{${unknown}}` } };
  if (subject && /[\r\n]/.test(text)) return { field, key: 'errors.collectionMail.subjectOneLine', params: { field } };
  // A subject is shown in notifications and mail server logs: the link stays in the body.
  if (subject && placeholdersIn(text).includes('URL')) return { field, key: 'errors.collectionMail.urlInSubject', params: { field } };
  if (!subject && !placeholdersIn(text).includes('URL')) return { field, key: 'errors.collectionMail.urlMissing', params: { field } };
  return null;
}

/** The first problem of the templates, in the order of their fields, or null. */
export function templatesProblem(templates: MailTemplates): TemplateProblem | null {
  for (const field of MAIL_TEMPLATE_FIELDS) {
    const problem = templateFieldProblem(field, templates[field]);
    if (problem) return problem;
  }
  return null;
}

/** The text with its placeholders filled in (a text with unknown ones is refused before it is stored). */
export function renderTemplate(text: string, values: MailValues): string {
  return text.replace(BRACED, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}

/** The subject and body of one kind, filled in. */
export function renderMail(templates: MailTemplates, kind: MailKind, values: MailValues): { subject: string; text: string } {
  return { subject: renderTemplate(templates[`${kind}Subject`], values), text: renderTemplate(templates[`${kind}Body`], values) };
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** Made once: a batch renders thousands of dates. */
let japanTime: Intl.DateTimeFormat | null = null;

/** A moment as a Japanese reads it, in Japan's time: 2026年12月15日（火）14:30. */
export function formatJapaneseDateTime(iso: string): string {
  japanTime ??= new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const parts = Object.fromEntries(
    japanTime
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day))).getUTCDay()];
  return `${parts.year}年${parts.month}月${parts.day}日（${weekday}）${parts.hour}:${parts.minute}`;
}
