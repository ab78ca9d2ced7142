// Calls into `window.vault`: a failed Result becomes a VaultCallError carrying the core's
// error (code, Japanese text, and its message key), so it can be shown in the UI's language.
import type { ChannelName } from '../../src-shared/access';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import type { ErrorCode, Result, VaultError } from '../../src-shared/errors';

export class VaultCallError extends Error {
  readonly code: ErrorCode;
  readonly detail: VaultError;

  constructor(error: VaultError) {
    super(error.message);
    this.name = 'VaultCallError';
    this.code = error.code;
    this.detail = error;
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
    throw new VaultCallError(result.error);
  }
  return result.value;
}

/** Calls a channel by name and returns its value (throws VaultCallError on refusal). */
export function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const [namespace, verb] = channel.split('.') as [string, string];
  const api = window.vault as unknown as Record<string, Record<string, (input: unknown) => Promise<Result<ChannelOutput<C>>>>>;
  return unwrap(api[namespace]![verb]!(input));
}

export function vault() {
  return window.vault;
}
