// Stable error codes of DESIGN.md and the result envelope every handler returns.

export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'REAUTH_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface VaultError {
  code: ErrorCode;
  /** Japanese, fit to show a person. Never a stack trace, SQL, number, password or code. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: VaultError };
