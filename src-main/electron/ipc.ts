// The one wrapper every ipcMain.handle goes through. A call reaches the core only when it
// comes from the main frame of an app:// page, names a contract channel, and its input
// parses with that channel's schema; anything else is refused here.
import type { IpcMain } from 'electron';
import { channelNames, contract, isChannelName, type ChannelName } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { originOf } from './app-origin';
import { failure, SHELL_MESSAGES } from './messages';
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

export type RefusalReason = 'no-frame' | 'subframe' | 'foreign-origin' | 'unknown-channel' | 'bad-input' | 'no-session';

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

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The first schema message when it is one of the contract's Japanese messages. */
function validationMessage(issues: readonly { message: string }[]): string {
  const first = issues[0]?.message;
  return first && JAPANESE.test(first) ? first : SHELL_MESSAGES.validation;
}

/** Electron throws when the frame of an event has already gone; treat that as no frame. */
function senderFrameOf(event: IpcCallerEvent): IpcCallerFrame | null {
  try {
    return event.senderFrame ?? null;
  } catch {
    return null;
  }
}

export function createIpcDispatcher({ appOrigin, relay, sessionKeyFor, onRefused }: IpcDispatcherOptions): IpcDispatch {
  return async (event, channel, input) => {
    const refuse = (reason: RefusalReason, result: Result<unknown>) => {
      onRefused?.(reason, String(channel));
      return result;
    };

    const frame = senderFrameOf(event);
    if (frame === null) return refuse('no-frame', failure('FORBIDDEN', SHELL_MESSAGES.forbidden));
    if (frame !== event.sender.mainFrame) return refuse('subframe', failure('FORBIDDEN', SHELL_MESSAGES.forbidden));
    if (originOf(frame.url) !== appOrigin) return refuse('foreign-origin', failure('FORBIDDEN', SHELL_MESSAGES.forbidden));
    if (!isChannelName(channel)) return refuse('unknown-channel', failure('NOT_FOUND', SHELL_MESSAGES.notFound));

    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) return refuse('bad-input', failure('VALIDATION', validationMessage(parsed.error.issues)));

    const sessionKey = sessionKeyFor(event.sender.id);
    if (sessionKey === undefined) return refuse('no-session', failure('FORBIDDEN', SHELL_MESSAGES.noSession));

    try {
      // The raw input is relayed (it was proven valid); the core parses it again itself.
      const result = await relay(sessionKey, channel, input);
      return isResult(result) ? result : failure('INTERNAL', SHELL_MESSAGES.internal);
    } catch {
      return failure('INTERNAL', SHELL_MESSAGES.internal);
    }
  };
}

/** Registers one handler per contract channel, each going through the dispatcher. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, dispatch: IpcDispatch): void {
  for (const name of channelNames) {
    ipcMain.handle(name, (event, input: unknown) => dispatch(event, name, input));
  }
}
