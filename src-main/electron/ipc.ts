// The one wrapper every ipcMain.handle goes through. A call reaches the core only when it
// comes from the main frame of an app:// page and names a contract channel; anything else is
// refused here. The input is not judged here: the core alone validates it and decides, so the
// app answers a malformed or forbidden call exactly as the harness does (and audits it).
import type { IpcMain } from 'electron';
import { CHANNEL_NAMES, isChannelName, type ChannelName } from '../../src-shared/access';
import type { Result } from '../../src-shared/errors';
import { originOf } from './app-origin';
import { failure } from './messages';
import { isResult } from './relay-protocol';

/** The parts of Electron's IpcMainInvokeEvent the checks read. */
export interface IpcCallerFrame {
  readonly url: string;
}
export interface IpcCallerEvent {
  readonly senderFrame: IpcCallerFrame | null | undefined;
  readonly sender: { readonly id: number; readonly mainFrame: IpcCallerFrame };
}

/** Sends a checked call to the core with the caller's session key. */
export type Relay = (sessionKey: string, channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

export type RefusalReason = 'no-frame' | 'subframe' | 'foreign-origin' | 'unknown-channel' | 'no-session';

export interface IpcDispatcherOptions {
  /** `app://vault`. */
  appOrigin: string;
  relay: Relay;
  /** The core session key opened for this webContents, if any. */
  sessionKeyFor: (webContentsId: number) => string | undefined;
  /** Told of each refusal (never of the input, which may hold personal data). */
  onRefused?: (reason: RefusalReason, channel: string) => void;
}

export type IpcDispatch = (event: IpcCallerEvent, channel: string, input: unknown) => Promise<Result<unknown>>;

/** Electron throws when the frame of an event has already gone; treat that as no frame. */
function senderFrameOf(event: IpcCallerEvent): IpcCallerFrame | null {
  try {
    return event.senderFrame ?? null;
  } catch {
    return null;
  }
}

/**
 * Why a call's frame may not call main at all (null: it may): it must be the main frame of an
 * app:// page. Shared by the contract's channels and the shell's own (vault.files.saveExport).
 */
export function frameRefusal(event: IpcCallerEvent, appOrigin: string): 'no-frame' | 'subframe' | 'foreign-origin' | null {
  const frame = senderFrameOf(event);
  if (frame === null) return 'no-frame';
  if (frame !== event.sender.mainFrame) return 'subframe';
  if (originOf(frame.url) !== appOrigin) return 'foreign-origin';
  return null;
}

export function createIpcDispatcher({ appOrigin, relay, sessionKeyFor, onRefused }: IpcDispatcherOptions): IpcDispatch {
  return async (event, channel, input) => {
    const refuse = (reason: RefusalReason, result: Result<unknown>) => {
      onRefused?.(reason, String(channel));
      return result;
    };

    const badFrame = frameRefusal(event, appOrigin);
    if (badFrame !== null) return refuse(badFrame, failure('FORBIDDEN', 'errors.shell.forbidden'));
    if (!isChannelName(channel)) return refuse('unknown-channel', failure('NOT_FOUND', 'errors.unknownChannel'));

    const sessionKey = sessionKeyFor(event.sender.id);
    if (sessionKey === undefined) return refuse('no-session', failure('FORBIDDEN', 'errors.shell.noSession'));

    try {
      const result = await relay(sessionKey, channel, input);
      return isResult(result) ? result : failure('INTERNAL', 'errors.shell.internal');
    } catch {
      return failure('INTERNAL', 'errors.shell.internal');
    }
  };
}

/** Registers one handler per contract channel, each going through the dispatcher. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, dispatch: IpcDispatch): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, (event, input: unknown) => dispatch(event, name, input));
  }
}
