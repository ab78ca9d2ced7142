// Which screen to show, as the core sees the session: first-run setup (setup.status), then by
// auth.me the login page (or its reminder), the forced password change, the lock screen, or
// the signed-in frame, which the idle timer guards. Every step that changes the session
// (login, unlock, lock, logout, password change) asks auth.me again and the screen follows.
import { Center, Loader, Stack } from '@mantine/core';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, onLockedReply } from './api';
import { AuthLayout } from './components/AuthLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { createQueryClient, useVaultQuery, vaultQueryKey } from './data/query';
import { IdleLockGuard } from './lock/IdleLockGuard';
import { LockScreen } from './lock/LockScreen';
import { ChangePasswordPage } from './login/ChangePasswordPage';
import { ForgotPasswordPage } from './login/ForgotPasswordPage';
import { LoginPage } from './login/LoginPage';
import { useErrorText } from './messages';
import { SessionProvider } from './session/session';
import { SetupPage } from './setup/SetupPage';
import { AppFrame } from './shell/AppFrame';

type LoginNotice = 'setup.done' | 'login.loggedOut' | 'forgot.done';

/** What a signed-out window shows: the login page (with a notice) or the reminder. */
type SignedOutView = { kind: 'login'; notice: LoginNotice | null } | { kind: 'forgot' };

export function App() {
  // The reads made before anyone signs in; a signed-in session gets a cache of its own.
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Screens />
    </QueryClientProvider>
  );
}

function Screens() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const status = useVaultQuery('setup.status', {});
  const initialized = status.data?.initialized === true;
  const me = useVaultQuery('auth.me', {}, { enabled: initialized });
  const [view, setView] = useState<SignedOutView>({ kind: 'login', notice: null });
  // A logout that failed: shown instead of a screen the core no longer agrees with.
  const [failure, setFailure] = useState<unknown>(null);

  const signedIn = !!me.data?.user;
  const signedInRef = useRef(signedIn);
  useEffect(() => {
    signedInRef.current = signedIn;
  }, [signedIn]);

  /** Asks the core who is signed in; the screen follows its answer. */
  const refreshSession = useCallback(() => client.invalidateQueries({ queryKey: vaultQueryKey('auth.me', {}) }), [client]);

  // Any call refused with LOCKED while signed in: the session was locked behind our back.
  useEffect(() => onLockedReply(() => signedInRef.current && void refreshSession()), [refreshSession]);

  // The OS lock screen or suspend (desktop shell only).
  useEffect(() => {
    return window.vault.events?.onLock(() => {
      if (!signedInRef.current) return;
      void call('auth.lock', {})
        .catch(() => undefined)
        .then(refreshSession);
    });
  }, [refreshSession]);

  const logout = async (notice: LoginNotice | null = 'login.loggedOut') => {
    try {
      await call('auth.logout', {});
      setView({ kind: 'login', notice });
      await refreshSession();
    } catch (err) {
      setFailure(err);
    }
  };

  const failed = failure ?? status.error ?? me.error;
  if (failed) {
    return (
      <AuthLayout>
        <Stack>
          <ErrorAlert message={errorText(failed)} />
        </Stack>
      </AuthLayout>
    );
  }

  if (!status.data || (initialized && !me.data)) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }

  if (!initialized) {
    return (
      <SetupPage
        onDone={() => {
          setView({ kind: 'login', notice: 'setup.done' });
          void client.invalidateQueries({ queryKey: vaultQueryKey('setup.status', {}) });
        }}
      />
    );
  }

  const session = me.data!;
  if (session.user && session.mustChangePassword) {
    return <ChangePasswordPage user={session.user} onChanged={() => void refreshSession()} onLogout={() => void logout()} />;
  }
  if (session.user) {
    // Keyed by the user: a new sign-in starts from an empty cache (the lock screen and the
    // login page unmount the provider, which drops the previous session's cache).
    return (
      <SessionProvider key={session.user.id} user={session.user}>
        <IdleLockGuard idleLockMinutes={session.idleLockMinutes} onLocked={() => void refreshSession()}>
          {(lockNow) => <AppFrame onLogout={() => void logout()} onLock={lockNow} />}
        </IdleLockGuard>
      </SessionProvider>
    );
  }
  if (session.locked) {
    return <LockScreen locked={session.locked} onUnlocked={() => void refreshSession()} onOtherUser={() => void logout(null)} />;
  }
  if (view.kind === 'forgot') {
    return (
      <ForgotPasswordPage
        onDone={() => setView({ kind: 'login', notice: 'forgot.done' })}
        onCancel={() => setView({ kind: 'login', notice: null })}
      />
    );
  }
  return (
    <LoginPage
      notice={view.notice && t(view.notice)}
      onLoggedIn={() => void refreshSession()}
      onForgot={() => setView({ kind: 'forgot' })}
    />
  );
}
