// Which screen to show: first-run setup, login, or the signed-in frame.
import { Center, Loader, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../src-shared/contract';
import { unwrap, VaultCallError } from './api';
import { AuthLayout } from './components/AuthLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { LoginPage } from './login/LoginPage';
import { SetupPage } from './setup/SetupPage';
import { AppFrame } from './shell/AppFrame';

type Screen =
  | { kind: 'loading' }
  /** message: the core's own, or null for a transport failure (shown in the UI language). */
  | { kind: 'failed'; message: string | null }
  | { kind: 'setup' }
  | { kind: 'login'; notice: 'setup.done' | 'login.loggedOut' | null }
  | { kind: 'app'; user: UserSummary };

/** Where a new window starts: setup on first run, else the dashboard or the login. */
async function initialScreen(): Promise<Screen> {
  try {
    const { initialized } = await unwrap(window.vault.setup.status({}));
    if (!initialized) return { kind: 'setup' };
    const { user } = await unwrap(window.vault.auth.me({}));
    return user ? { kind: 'app', user } : { kind: 'login', notice: null };
  } catch (err) {
    return { kind: 'failed', message: err instanceof VaultCallError ? err.message : null };
  }
}

export function App() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void initialScreen().then((next) => live && setScreen(next));
    return () => {
      live = false;
    };
  }, []);

  const logout = async () => {
    try {
      await unwrap(window.vault.auth.logout({}));
      setScreen({ kind: 'login', notice: 'login.loggedOut' });
    } catch (err) {
      setScreen({ kind: 'failed', message: err instanceof VaultCallError ? err.message : null });
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
      return <LoginPage notice={screen.notice && t(screen.notice)} onLoggedIn={(user) => setScreen({ kind: 'app', user })} />;
    case 'app':
      return <AppFrame user={screen.user} onLogout={() => void logout()} />;
  }
}
