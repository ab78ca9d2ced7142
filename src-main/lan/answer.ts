// The listener's answers: the core's { ok, value } / { ok: false, error } envelope with an
// HTTP status that fits its code, and the listener's own refusals in the same shape.
import type { ErrorCode, Result } from '../../src-shared/errors';
import { formatMessage, type ErrorKey } from '../../src-shared/messages';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  FORBIDDEN: 403,
  REAUTH_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  RATE_LIMITED: 429,
  // No phone request runs as a job; there for completeness.
  CANCELLED: 409,
  INTERNAL: 500,
};

export function statusOf(result: Result<unknown>): number {
  return result.ok ? 200 : STATUS[result.error.code];
}

export function refusal(code: ErrorCode, messageKey: ErrorKey): Result<never> {
  return { ok: false, error: { code, message: formatMessage('ja', messageKey), messageKey } };
}
