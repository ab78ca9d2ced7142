// The errors the desktop shell itself returns (the core has its own): keyed like the core's,
// their Japanese text from src-shared/messages.
import type { ErrorCode, Result } from '../../src-shared/errors';
import { formatMessage, type ErrorKey } from '../../src-shared/messages';

/** The shell's own refusals, and the core's words where the shell answers for it (an unknown channel). */
export type ShellMessageKey = Extract<ErrorKey, `errors.shell.${string}`> | 'errors.unknownChannel';

export function shellMessage(key: ShellMessageKey): string {
  return formatMessage('ja', key);
}

export function failure(code: ErrorCode, messageKey: ShellMessageKey): Result<never> {
  return { ok: false, error: { code, message: shellMessage(messageKey), messageKey } };
}
