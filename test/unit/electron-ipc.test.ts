// The IPC wrapper: every call from a foreign origin, a subframe, a frameless event or with an
// unknown channel is refused and never reaches the core (the fake relay). The input is the
// core's to judge: a malformed one is relayed as it came.
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES as channelNames } from '../../src-shared/access';
import type { Result } from '../../src-shared/errors';
import { APP_ORIGIN } from '../../src-main/electron/app-origin';
import { createIpcDispatcher, registerIpcHandlers, type IpcCallerEvent, type IpcDispatch } from '../../src-main/electron/ipc';

const APP_PAGE = 'app://vault/admin/index.html';

/** A fake IpcMainInvokeEvent: its sender (webContents) and the frame that sent the call. */
function fakeEvent({ url = APP_PAGE, senderId = 7, frame = 'main' }: { url?: string; senderId?: number; frame?: 'main' | 'sub' | 'none' } = {}): IpcCallerEvent {
  const mainFrame = { url };
  const subFrame = { url };
  return {
    senderFrame: frame === 'main' ? mainFrame : frame === 'sub' ? subFrame : null,
    sender: { id: senderId, mainFrame },
  };
}

function setup() {
  const relay = vi.fn(async (_key: string, _channel: string, _input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { initialized: true } }));
  const onRefused = vi.fn();
  const sessionKeys = new Map([
    [7, 'session-key-of-7'],
    [8, 'session-key-of-8'],
  ]);
  const dispatch = createIpcDispatcher({ appOrigin: APP_ORIGIN, relay, sessionKeyFor: (id) => sessionKeys.get(id), onRefused });
  return { dispatch, relay, onRefused };
}


describe('IPC dispatcher: refusals', () => {
  it.each([
    'https://evil.example/index.html',
    'http://vault/index.html',
    'file:///etc/index.html',
    'file:///C:/vault/index.html',
    'app://evil/index.html',
    'app://vault.evil/index.html',
    'app://vault@evil/index.html',
    'app://vault:8080/index.html',
    'about:blank',
    'data:text/html,<script></script>',
    'devtools://devtools/bundled/inspector.html',
    '',
  ])('refuses a call from %j with FORBIDDEN', async (url) => {
    const { dispatch, relay } = setup();
    const result = await dispatch(fakeEvent({ url }), 'setup.status', {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'この操作は許可されていません。', messageKey: 'errors.shell.forbidden' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it('refuses a call from a subframe, even one on the app origin', async () => {
    const { dispatch, relay, onRefused } = setup();
    const result = await dispatch(fakeEvent({ frame: 'sub' }), 'setup.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(onRefused).toHaveBeenCalledWith('subframe', 'setup.status');
    expect(relay).not.toHaveBeenCalled();
  });

  it('refuses a call whose senderFrame is missing', async () => {
    const { dispatch, relay } = setup();
    expect(await dispatch(fakeEvent({ frame: 'none' }), 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noFrameAtAll = { sender: { id: 7, mainFrame: { url: APP_PAGE } } } as unknown as IpcCallerEvent;
    expect(await dispatch(noFrameAtAll, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it('refuses a call whose frame is already gone (Electron throws on senderFrame)', async () => {
    const { dispatch, relay } = setup();
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      sender: { id: 7, mainFrame: { url: APP_PAGE } },
    };
    expect(await dispatch(disposed, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it.each(['shell.exec', 'setup', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])('refuses the unknown channel %j with NOT_FOUND', async (channel) => {
    const { dispatch, relay } = setup();
    const result = await dispatch(fakeEvent(), channel, {});
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '不明な操作です', messageKey: 'errors.unknownChannel' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it.each([
    ['auth.login', { loginId: 'hr-staff' }],
    ['auth.login', { loginId: 'hr-staff', password: 42 }],
    ['auth.login', 'loginId=hr-staff&password=x'],
    ['auth.login', null],
    ['setup.status', undefined],
    ['setup.status', { extra: true }],
    ['audit.query', { limit: 100000 }],
  ])('relays malformed input for %s (%j) untouched, for the core to refuse', async (channel, input) => {
    const { dispatch, relay } = setup();
    await dispatch(fakeEvent(), channel, input);
    expect(relay).toHaveBeenCalledWith('session-key-of-7', channel, input);
  });

  it('refuses a window that has no core session', async () => {
    const { dispatch, relay } = setup();
    const result = await dispatch(fakeEvent({ senderId: 99 }), 'setup.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it('tells onRefused the reason and channel, never the input', async () => {
    const { dispatch, onRefused } = setup();
    await dispatch(fakeEvent({ url: 'https://evil.example/' }), 'auth.login', { loginId: 'someone', password: 'secret-password' });
    expect(onRefused).toHaveBeenCalledWith('foreign-origin', 'auth.login');
    expect(JSON.stringify(onRefused.mock.calls)).not.toContain('secret-password');
  });
});

describe('IPC dispatcher: good calls', () => {
  it("relays a good call with the calling window's session key, channel and input", async () => {
    const { dispatch, relay } = setup();
    const input = { loginId: 'hr-staff', password: 'correct horse battery staple' };
    const result = await dispatch(fakeEvent({ senderId: 8 }), 'auth.login', input);
    expect(result).toEqual({ ok: true, value: { initialized: true } });
    expect(relay).toHaveBeenCalledTimes(1);
    expect(relay).toHaveBeenCalledWith('session-key-of-8', 'auth.login', input);

    await dispatch(fakeEvent({ senderId: 7 }), 'setup.status', {});
    expect(relay).toHaveBeenLastCalledWith('session-key-of-7', 'setup.status', {});
  });

  it("passes the core's error result through unchanged", async () => {
    const { dispatch, relay } = setup();
    relay.mockResolvedValueOnce({ ok: false, error: { code: 'REAUTH_REQUIRED', message: 'パスワードを再入力してください' } });
    expect(await dispatch(fakeEvent(), 'audit.verify', {})).toEqual({
      ok: false,
      error: { code: 'REAUTH_REQUIRED', message: 'パスワードを再入力してください' },
    });
  });

  it('turns a failing or malformed relay into INTERNAL without details', async () => {
    const { dispatch, relay } = setup();
    relay.mockRejectedValueOnce(new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path'));
    const thrown = await dispatch(fakeEvent(), 'setup.status', {});
    expect(thrown).toEqual({ ok: false, error: { code: 'INTERNAL', message: '内部エラーが発生しました。アプリを再起動してください。', messageKey: 'errors.shell.internal' } });
    expect(JSON.stringify(thrown)).not.toContain('SQLITE');

    relay.mockResolvedValueOnce({ stack: 'Error at core.ts:1' } as unknown as Result<unknown>);
    expect(await dispatch(fakeEvent(), 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract channel, each dispatching its own channel', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const fakeIpcMain = {
      handle: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => {
        expect(handlers.has(channel)).toBe(false);
        handlers.set(channel, listener);
      }),
    };
    const dispatch = vi.fn<IpcDispatch>(async () => ({ ok: true, value: {} }));
    registerIpcHandlers(fakeIpcMain as never, dispatch);

    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort());
    const event = fakeEvent();
    await handlers.get('auth.logout')!(event, {});
    expect(dispatch).toHaveBeenCalledWith(event, 'auth.logout', {});
  });
});
