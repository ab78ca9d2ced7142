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
/** The attributes every vault has (ATTRIBUTE_CODES). */
export type BuiltinAttributeCode = (typeof ATTRIBUTE_CODES)[number];
/** An attribute an admin added: its code is `x_` and a generated suffix, never a built-in's. */
export type CustomAttributeCode = `x_${string}`;
export type AttributeCode = BuiltinAttributeCode | CustomAttributeCode;
/** What follows `x_` in an admin-added attribute's code. */
export const CUSTOM_ATTRIBUTE_SUFFIX = /^[a-z0-9]{1,32}$/;

/**
 * How the registrant list can be ordered; `kana` is フリガナ order (gojūon). Rows without the
 * value (no employee code, no hire or leave date) come last in either direction.
 */
export const REGISTRANT_SORT_KEYS = ['kana', 'employeeCode', 'status', 'hireDate', 'leaveDate', 'updatedAt'] as const;
export type RegistrantSortKey = (typeof REGISTRANT_SORT_KEYS)[number];

/** The re-auth window (パスワード再入力) opened by auth.reauth. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;

/** Password length bounds (ASVS 4 2.1.1 / 2.1.2). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** How long a password set by an admin (initial or reset) may be used for the first login. */
export const TEMPORARY_PASSWORD_VALID_HOURS = 72;
