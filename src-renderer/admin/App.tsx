// Which screen to show: first-run setup, login (and its reminder), the forced password
// change, the lock screen, or the signed-in frame, which the idle timer guards.
import { Center, Loader, Stack } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../src-shared/contract';
import { onLockedReply, unwrap, VaultCallError } from './api';
import { AuthLayout } from './components/AuthLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { IdleLockGuard } from './lock/IdleLockGuard';
import { LockScreen, type LockedUser } from './lock/LockScreen';
import { ChangePasswordPage } from './login/ChangePasswordPage';
import type { Verified } from './login/CodeStep';
import { ForgotPasswordPage } from './login/ForgotPasswordPage';
import { LoginPage } from './login/LoginPage';
import { SetupPage } from './setup/SetupPage';
import { AppFrame } from './shell/AppFrame';

type LoginNotice = 'setup.done' | 'login.loggedOut' | 'forgot.done';

type Screen =
  | { kind: 'loading' }
  /** message: the core's own, or null for a transport failure (shown in the UI language). */
  | { kind: 'failed'; message: string | null }
  | { kind: 'setup' }
  | { kind: 'login'; notice: LoginNotice | null }
  | { kind: 'forgot' }
  | { kind: 'changePassword'; user: UserSummary }
  | { kind: 'locked'; locked: LockedUser }
  | { kind: 'app'; user: UserSummary; idleLockMinutes: number };

const DEFAULT_IDLE_LOCK_MINUTES = 10;

/** The screen for the session as the core sees it now. */
async function sessionScreen(): Promise<Screen> {
  const me = await unwrap(window.vault.auth.me({}));
  if (me.user) return me.mustChangePassword ? { kind: 'changePassword', user: me.user } : { kind: 'app', user: me.user, idleLockMinutes: me.idleLockMinutes };
  if (me.locked) return { kind: 'locked', locked: me.locked };
  return { kind: 'login', notice: null };
}

function failedScreen(err: unknown): Screen {
  return { kind: 'failed', message: err instanceof VaultCallError ? err.message : null };
}

/** Where a new window starts: setup on first run, else what the session allows. */
async function initialScreen(): Promise<Screen> {
  try {
    const { initialized } = await unwrap(window.vault.setup.status({}));
    return initialized ? await sessionScreen() : { kind: 'setup' };
  } catch (err) {
    return failedScreen(err);
  }
}

export function App() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const signedIn = screen.kind === 'app' || screen.kind === 'changePassword';
  const signedInRef = useRef(signedIn);
  useEffect(() => {
    signedInRef.current = signedIn;
  }, [signedIn]);

  useEffect(() => {
    let live = true;
    void initialScreen().then((next) => live && setScreen(next));
    return () => {
      live = false;
    };
  }, []);

  /** After a lock (ours, the core's or the OS's): show the lock screen if the core agrees. */
  const showLockIfLocked = useCallback(async () => {
    try {
      const next = await sessionScreen();
      if (next.kind === 'locked' || next.kind === 'login') setScreen(next);
    } catch (err) {
      setScreen(failedScreen(err));
    }
  }, []);

  // Any call refused with LOCKED while signed in: the session was locked behind our back.
  useEffect(() => onLockedReply(() => signedInRef.current && void showLockIfLocked()), [showLockIfLocked]);

  // The OS lock screen or suspend (desktop shell only).
  useEffect(() => {
    return window.vault.events?.onLock(() => {
      if (!signedInRef.current) return;
      void unwrap(window.vault.auth.lock({}))
        .catch(() => undefined)
        .then(showLockIfLocked);
    });
  }, [showLockIfLocked]);

  const enter = useCallback(async ({ user, mustChangePassword }: Verified) => {
    if (mustChangePassword) return setScreen({ kind: 'changePassword', user });
    try {
      const me = await unwrap(window.vault.auth.me({}));
      setScreen({ kind: 'app', user, idleLockMinutes: me.idleLockMinutes });
    } catch {
      setScreen({ kind: 'app', user, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES });
    }
  }, []);

  const logout = async (notice: LoginNotice | null = 'login.loggedOut') => {
    try {
      await unwrap(window.vault.auth.logout({}));
      setScreen({ kind: 'login', notice });
    } catch (err) {
      setScreen(failedScreen(err));
    }
  };

  switch (screen.kind) {
    case 'loading':
      return (
        <Center h="100vh">
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    case 'failed':
      return (
        <AuthLayout>
          <Stack>
            <ErrorAlert message={screen.message ?? t('common.unexpectedError')} />
          </Stack>
        </AuthLayout>
      );
    case 'setup':
      return <SetupPage onDone={() => setScreen({ kind: 'login', notice: 'setup.done' })} />;
    case 'login':
      return (
        <LoginPage
          notice={screen.notice && t(screen.notice)}
          onLoggedIn={(verified) => void enter(verified)}
          onForgot={() => setScreen({ kind: 'forgot' })}
        />
      );
    case 'forgot':
      return <ForgotPasswordPage onDone={() => setScreen({ kind: 'login', notice: 'forgot.done' })} onCancel={() => setScreen({ kind: 'login', notice: null })} />;
    case 'changePassword':
      return (
        <ChangePasswordPage
          user={screen.user}
          onChanged={() => void enter({ user: screen.user, mustChangePassword: false })}
          onLogout={() => void logout()}
        />
      );
    case 'locked':
      return <LockScreen locked={screen.locked} onUnlocked={(verified) => void enter(verified)} onOtherUser={() => void logout(null)} />;
    case 'app':
      return (
        <IdleLockGuard key={screen.user.id} idleLockMinutes={screen.idleLockMinutes} onLocked={() => void showLockIfLocked()}>
          {(lockNow) => <AppFrame user={screen.user} onLogout={() => void logout()} onLock={lockNow} />}
        </IdleLockGuard>
      );
  }
}
