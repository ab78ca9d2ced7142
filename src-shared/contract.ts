// The contract: every channel, declared once. Main validates against it, the preload and
// the harness bridge are generated from its channel names, and the renderer's types are
// derived from it, so none of them can drift.
import { z } from 'zod';
import { ATTRIBUTE_CODES, PASSWORD_MAX_LENGTH, REGISTRANT_SORT_KEYS, REGISTRANT_STATUSES, ROLES, SECOND_FACTORS, SMTP_SECURITY, type Role } from './domain';
import { isValidMyNumber } from './mynumber';
import { isKatakana, normalizeMyNumberInput, toKatakana } from './text';

export type Access = 'public' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Who may call: 'public' (no login) or the roles allowed. */
  access: Access;
  /** True when the password must have been re-entered within the last 5 minutes. */
  reauth: boolean;
}

function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

const ALL_ROLES = ROLES;
const empty = z.object({}).strict();
const isoDate = z.string().datetime({ offset: true });

const loginId = z
  .string()
  .trim()
  .min(3, 'ログインIDは3文字以上で入力してください')
  .max(64, 'ログインIDは64文字以内で入力してください')
  .regex(/^[A-Za-z0-9._@-]+$/, 'ログインIDは半角英数字と . _ @ - で入力してください');
const password = z.string().min(1, 'パスワードを入力してください').max(PASSWORD_MAX_LENGTH, 'パスワードは128文字以内で入力してください');
const otpCode = z.string().trim().regex(/^\d{6}$/, '6桁の数字を入力してください');

const email = z.string().trim().email('メールアドレスの形式が正しくありません').max(254, 'メールアドレスが長すぎます');
const displayName = z.string().trim().min(1, '表示名を入力してください').max(100, '表示名は100文字以内で入力してください');
const totpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const userDetail = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  secondFactor: z.enum(SECOND_FACTORS),
  totpEnrolled: z.boolean(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserDetail = z.infer<typeof userDetail>;

export { SMTP_SECURITY };
const smtpSettingsView = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(SMTP_SECURITY),
  username: z.string(),
  hasPassword: z.boolean(),
  from: z.string(),
});
const smtpSettingsInput = z.object({
  host: z.string().trim().min(1, 'SMTPサーバーを入力してください').max(253),
  port: z.number().int().min(1).max(65535),
  security: z.enum(SMTP_SECURITY),
  username: z.string().max(254),
  /** Omitted: keep the stored password. Empty string: no password. */
  password: z.string().max(1024).optional(),
  from: email,
});
export type SmtpSettingsInput = z.infer<typeof smtpSettingsInput>;

export const securitySettings = z.object({
  requireTotpForAll: z.boolean(),
  idleLockMinutes: z.number().int().min(1, '1分以上にしてください').max(30, '30分以内にしてください'),
});
export type SecuritySettings = z.infer<typeof securitySettings>;

export const userSummary = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type UserSummary = z.infer<typeof userSummary>;

export const auditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'failure', 'denied']),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** What the target is called now (a login ID, a registrant's name); null when it is gone or has no name. */
  targetLabel: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRow = z.infer<typeof auditRow>;

const id = z.string().min(1).max(100);
/** Optional text fields: blank means absent. */
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const personName = (what: string) =>
  z.string().trim().min(1, `${what}を入力してください`).max(50, `${what}は50文字以内で入力してください`);
const kanaName = (what: string) =>
  z
    .string()
    .transform(toKatakana)
    .pipe(
      z
        .string()
        .min(1, { error: `${what}を入力してください`, abort: true })
        .max(50, { error: `${what}は50文字以内で入力してください`, abort: true })
        .refine(isKatakana, `${what}はカタカナ（またはひらがな）で入力してください`),
    );
const birthDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '生年月日は YYYY-MM-DD の形式で入力してください')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1900-01-01';
  }, '生年月日が正しい日付ではありません');

export const registrantFields = z.object({
  employeeCode: optionalText(
    z.string().trim().max(32, '従業員番号は32文字以内で入力してください').regex(/^[0-9A-Za-z_-]+$/, '従業員番号は半角英数字と - _ で入力してください'),
  ),
  familyName: personName('姓'),
  givenName: personName('名'),
  familyNameKana: kanaName('セイ（フリガナ）'),
  givenNameKana: kanaName('メイ（フリガナ）'),
  email: optionalText(email),
  birthDate: optionalText(birthDate),
  attributes: z.array(z.enum(ATTRIBUTE_CODES)).min(1, '属性を1つ以上選んでください').max(ATTRIBUTE_CODES.length),
});

export const registrantRow = z.object({
  id: z.string(),
  employeeCode: z.string().nullable(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  email: z.string().nullable(),
  birthDate: z.string().nullable(),
  status: z.enum(REGISTRANT_STATUSES),
  attributes: z.array(z.enum(ATTRIBUTE_CODES)),
  /** Whether a number is held — never the number itself. */
  hasMyNumber: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegistrantRow = z.infer<typeof registrantRow>;

/** Whose number: a registrant now; dependents join this union when they are built. */
const numberSubject = z.object({ registrantId: id }).strict();

/** 12 digits with a valid check digit; full-width digits, spaces and hyphens are accepted. */
const myNumberInput = z
  .string()
  .max(40, 'マイナンバーは12桁の数字で入力してください')
  .transform(normalizeMyNumberInput)
  .pipe(
    z
      .string()
      .regex(/^\d{12}$/, { error: 'マイナンバーは12桁の数字で入力してください', abort: true })
      .refine(isValidMyNumber, 'マイナンバーの検査用数字（12桁目）が一致しません。番号を確かめてください'),
  );

export const contract = {
  'setup.status': channel({
    input: empty,
    output: z.object({ initialized: z.boolean() }),
    access: 'public',
    reauth: false,
  }),
  'setup.createAdmin': channel({
    input: z.object({ loginId, displayName, email, password }),
    output: z.object({
      userId: z.string(),
      totp: z.object({ secret: z.string(), otpauthUrl: z.string() }),
      recoveryCode: z.string(),
    }),
    access: 'public',
    reauth: false,
  }),
  'setup.confirmTotp': channel({
    input: z.object({ code: otpCode }),
    output: empty,
    access: 'public',
    reauth: false,
  }),
  'auth.login': channel({
    input: z.object({ loginId: z.string().trim().min(1, 'ログインIDを入力してください').max(254), password }),
    output: z.object({
      challengeId: z.string(),
      factor: z.enum(SECOND_FACTORS),
      /** Only when the user has no authenticator yet: scan this, then enter a code from it. */
      enrolment: totpEnrolment.optional(),
      /** For the e-mail factor: where the code went, masked (ta***@example.co.jp). */
      sentTo: z.string().optional(),
    }),
    access: 'public',
    reauth: false,
  }),
  'auth.verify': channel({
    input: z.object({ challengeId: z.string().min(1).max(100), code: otpCode }),
    output: z.object({ user: userSummary, mustChangePassword: z.boolean() }),
    access: 'public',
    reauth: false,
  }),
  'auth.reauth': channel({
    input: z.object({ password }),
    output: z.object({ until: isoDate }),
    access: ALL_ROLES,
    reauth: false,
  }),
  'auth.logout': channel({
    input: empty,
    output: empty,
    access: 'public',
    reauth: false,
  }),
  'auth.me': channel({
    input: empty,
    output: z.object({
      user: userSummary.nullable(),
      /** The signed-in user's own account details, for the account page. */
      account: z.object({ email: z.string(), secondFactor: z.enum(SECOND_FACTORS), totpEnrolled: z.boolean() }).nullable(),
      reauthUntil: isoDate.nullable(),
      mustChangePassword: z.boolean(),
      idleLockMinutes: z.number().int(),
      /** Set when the session was locked (idle, OS lock): the lock screen asks this user to log in again. */
      locked: z.object({ loginId: z.string(), displayName: z.string() }).nullable(),
    }),
    access: 'public',
    reauth: false,
  }),
  'auth.resendCode': channel({
    input: z.object({ challengeId: z.string().min(1).max(100) }),
    output: z.object({ sentTo: z.string() }),
    access: 'public',
    reauth: false,
  }),
  'auth.keepAlive': channel({
    input: empty,
    output: z.object({ idleLockAt: isoDate }),
    access: ALL_ROLES,
    reauth: false,
  }),
  'auth.lock': channel({
    input: empty,
    output: empty,
    access: 'public',
    reauth: false,
  }),
  'auth.requestReset': channel({
    input: z.object({ loginId: z.string().trim().min(1, 'ログインIDを入力してください').max(254) }),
    output: z.object({ challengeId: z.string() }),
    access: 'public',
    reauth: false,
  }),
  'auth.completeReset': channel({
    input: z.object({ challengeId: z.string().min(1).max(100), code: otpCode, newPassword: password }),
    output: empty,
    access: 'public',
    reauth: false,
  }),

  'account.changePassword': channel({
    input: z.object({ currentPassword: password, newPassword: password }),
    output: empty,
    access: ALL_ROLES,
    reauth: false,
  }),
  'account.changeEmail': channel({
    input: z.object({ email }),
    output: empty,
    access: ALL_ROLES,
    reauth: true,
  }),
  'account.beginTotpEnrolment': channel({
    input: empty,
    output: totpEnrolment.extend({ enrolmentId: z.string() }),
    access: ALL_ROLES,
    reauth: true,
  }),
  'account.confirmTotpEnrolment': channel({
    input: z.object({ enrolmentId: z.string().min(1).max(100), code: otpCode }),
    output: empty,
    access: ALL_ROLES,
    reauth: true,
  }),
  'account.useEmailFactor': channel({
    input: empty,
    output: empty,
    access: ALL_ROLES,
    reauth: true,
  }),

  'users.list': channel({
    input: empty,
    output: z.object({ rows: z.array(userDetail) }),
    access: ['admin'],
    reauth: false,
  }),
  'users.create': channel({
    input: z.object({ loginId, displayName, email, role: z.enum(ROLES), secondFactor: z.enum(SECOND_FACTORS), initialPassword: password }),
    output: z.object({ id: z.string() }),
    access: ['admin'],
    reauth: true,
  }),
  'users.update': channel({
    input: z.object({ id: z.string().min(1).max(100), displayName, email, role: z.enum(ROLES), secondFactor: z.enum(SECOND_FACTORS) }),
    output: empty,
    access: ['admin'],
    reauth: true,
  }),
  'users.setDisabled': channel({
    input: z.object({ id: z.string().min(1).max(100), disabled: z.boolean() }),
    output: empty,
    access: ['admin'],
    reauth: true,
  }),
  'users.resetPassword': channel({
    input: z.object({ id: z.string().min(1).max(100), temporaryPassword: password }),
    output: empty,
    access: ['admin'],
    reauth: true,
  }),
  'users.unlock': channel({
    input: z.object({ id: z.string().min(1).max(100) }),
    output: empty,
    access: ['admin'],
    reauth: false,
  }),

  'settings.getSmtp': channel({
    input: empty,
    output: z.object({ smtp: smtpSettingsView.nullable() }),
    access: ['admin'],
    reauth: false,
  }),
  'settings.setSmtp': channel({
    input: smtpSettingsInput,
    output: empty,
    access: ['admin'],
    reauth: true,
  }),
  'settings.testSmtp': channel({
    input: z.object({ to: email }),
    output: z.object({ ok: z.boolean(), response: z.string() }),
    access: ['admin'],
    reauth: false,
  }),
  'settings.regenerateRecoveryCode': channel({
    input: empty,
    output: z.object({ recoveryCode: z.string() }),
    access: ['admin'],
    reauth: true,
  }),
  'settings.getSecurity': channel({
    input: empty,
    output: securitySettings,
    access: ['admin'],
    reauth: false,
  }),
  'settings.setSecurity': channel({
    input: securitySettings,
    output: empty,
    access: ['admin'],
    reauth: true,
  }),

  'registrants.create': channel({
    input: registrantFields,
    output: z.object({ id: z.string() }),
    access: ['admin', 'manager'],
    reauth: false,
  }),
  'registrants.update': channel({
    input: registrantFields.extend({ id }),
    output: empty,
    access: ['admin', 'manager'],
    reauth: false,
  }),
  'registrants.list': channel({
    input: z.object({
      filter: z
        .object({
          text: z.string().max(100).optional(),
          status: z.enum(REGISTRANT_STATUSES).optional(),
          attribute: z.enum(ATTRIBUTE_CODES).optional(),
        })
        .optional(),
      sort: z.object({ by: z.enum(REGISTRANT_SORT_KEYS), dir: z.enum(['asc', 'desc']) }).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.object({ rows: z.array(registrantRow), total: z.number().int() }),
    access: ALL_ROLES,
    reauth: false,
  }),
  'registrants.get': channel({
    input: z.object({ id }),
    output: z.object({ registrant: registrantRow }),
    access: ALL_ROLES,
    reauth: false,
  }),
  'registrants.summary': channel({
    input: empty,
    output: z.object({
      total: z.number().int(),
      /** Every status, zero included. */
      byStatus: z.record(z.enum(REGISTRANT_STATUSES), z.number().int()),
      withMyNumber: z.number().int(),
    }),
    access: ALL_ROLES,
    reauth: false,
  }),
  'purposes.list': channel({
    input: empty,
    output: z.object({ rows: z.array(z.object({ id: z.string(), label: z.string() })) }),
    access: ['admin', 'manager'],
    reauth: false,
  }),
  'mynumber.set': channel({
    input: z.object({ subject: numberSubject, myNumber: myNumberInput }),
    output: empty,
    access: ['admin', 'manager'],
    reauth: false,
  }),
  'mynumber.reveal': channel({
    input: z.object({ subject: numberSubject, purposeId: id }),
    output: z.object({ myNumber: z.string() }),
    access: ['admin', 'manager'],
    reauth: true,
  }),
  'audit.query': channel({
    input: z.object({
      filter: z
        .object({
          from: isoDate.optional(),
          to: isoDate.optional(),
          actorId: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          outcome: z.enum(['success', 'failure', 'denied']).optional(),
          targetId: z.string().max(100).optional(),
          /** Leave out ROUTINE_VIEW_ACTIONS (list and record views). */
          hideRoutineViews: z.boolean().optional(),
        })
        .optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.object({ rows: z.array(auditRow), total: z.number().int() }),
    access: ['admin', 'manager'],
    reauth: false,
  }),
  'audit.actors': channel({
    input: empty,
    output: z.object({ rows: z.array(userSummary) }),
    access: ['admin', 'manager'],
    reauth: false,
  }),
  'audit.verify': channel({
    input: empty,
    output: z.object({ ok: z.boolean(), checked: z.number().int(), firstBadSeq: z.number().int().optional() }),
    access: ['admin'],
    reauth: false,
  }),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
