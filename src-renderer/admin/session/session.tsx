// The signed-in session as the UI sees it: who is signed in and what they may call. `can`
// reads the same access table as the core's dispatcher, so no screen keeps its own copy of
// the role matrix. The query cache lives and dies with the session: data fetched for one
// user is never shown to the next.
import { QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { can as accessAllows, type ChannelName } from '../../../src-shared/access';
import type { UserSummary } from '../../../src-shared/contract';
import { createQueryClient } from '../data/query';

export interface Session {
  user: UserSummary;
  /** May the signed-in user call this channel? (Re-auth is asked for when the call needs it.) */
  can(channel: ChannelName): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ user, children }: { user: UserSummary; children: ReactNode }) {
  // One cache per signed-in session: a new login (or another user) starts from nothing.
  const [queryClient] = useState(createQueryClient);
  // Signed out or locked: nothing fetched for this session stays in memory for a later one.
  useEffect(() => () => queryClient.clear(), [queryClient]);
  const session = useMemo<Session>(() => ({ user, can: (channel) => accessAllows(user.role, channel) }), [user]);
  return (
    <SessionContext.Provider value={session}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
