// Stable error codes of DESIGN.md and the result envelope every handler returns.
import type { MessageParams, MessageRef } from './messages';

export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'REAUTH_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'RATE_LIMITED',
  /** A long job stopped at its caller's request (jobs.cancel); it changed nothing. */
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface VaultError {
  code: ErrorCode;
  /** Japanese, fit to show a person. Never a stack trace, SQL, number, password or code. */
  message: string;
  /** The message as a key of src-shared/messages, so another language can show it. */
  messageKey?: string;
  params?: MessageParams;
  /** For VALIDATION: the first problems, each with the field it is about. */
  issues?: (MessageRef & { path: string })[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: VaultError };
