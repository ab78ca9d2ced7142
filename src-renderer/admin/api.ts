// Calls into `window.vault`: a failed Result becomes a VaultCallError carrying the core's
// Japanese message, shown to the user as-is.
import type { ErrorCode, Result } from '../../src-shared/errors';

export class VaultCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultCallError';
  }
}

type LockedListener = () => void;
const lockedListeners = new Set<LockedListener>();

/**
 * Called whenever a call fails with LOCKED: the session was locked (idle, OS lock) — or the
 * account is locked out after failures, which the listener tells apart through auth.me.
 */
export function onLockedReply(listener: LockedListener): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) {
    if (result.error.code === 'LOCKED') lockedListeners.forEach((listener) => listener());
    throw new VaultCallError(result.error.code, result.error.message);
  }
  return result.value;
}

/** The message to show for a failed call: the core's own, or `fallback` for transport failures. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof VaultCallError ? error.message : fallback;
}

export function vault() {
  return window.vault;
}
