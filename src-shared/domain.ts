// Domain constants shared by every process. No Node, no DOM.

export const ROLES = ['admin', 'manager', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SECOND_FACTORS = ['totp', 'email'] as const;

/** How the outgoing mail server is reached. */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SecondFactor = (typeof SECOND_FACTORS)[number];

export const ATTRIBUTE_CODES = [
  'employee',
  'real_estate_owner',
  'professional',
  'shareholder',
  'category3_insured',
  'other',
] as const;

export const REGISTRANT_STATUSES = ['unregistered', 'pending', 'returned', 'declined', 'completed'] as const;
export type RegistrantStatus = (typeof REGISTRANT_STATUSES)[number];
export type AttributeCode = (typeof ATTRIBUTE_CODES)[number];

/** How the registrant list can be ordered; `kana` is フリガナ order (gojūon). */
export const REGISTRANT_SORT_KEYS = ['kana', 'employeeCode', 'status', 'updatedAt'] as const;

/** The re-auth window (パスワード再入力) opened by auth.reauth. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;

/** Password length bounds (ASVS 4 2.1.1 / 2.1.2). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** How long a password set by an admin (initial or reset) may be used for the first login. */
export const TEMPORARY_PASSWORD_VALID_HOURS = 72;
