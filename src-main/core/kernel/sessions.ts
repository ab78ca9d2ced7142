// Sessions live in memory: an adapter opens one per window (desktop) or per cookie
// (harness) and passes its key with every call. The key never reaches page script.
import { randomBytes } from 'node:crypto';
import type { SecondFactor } from '../../../src-shared/domain';

export interface LoginChallenge {
  id: string;
  userId: string;
  loginId: string;
  factor: SecondFactor;
  expiresAt: number;
  attempts: number;
  /** The e-mail code's id, for the e-mail factor. */
  codeId?: string;
  /** A first-time authenticator: the secret the user is enrolling with this login. */
  enrolSecret?: string;
  /**
   * The user must enrol an authenticator but already has the e-mail factor: the e-mail code
   * comes first, and only then is a secret issued (a password alone never enrols one).
   */
  enrolAfterEmailCode?: boolean;
}

export interface TotpEnrolment {
  id: string;
  secret: string;
  expiresAt: number;
}

export interface Session {
  readonly key: string;
  userId: string | null;
  reauthUntil: number | null;
  challenge: LoginChallenge | null;
  enrolment: TotpEnrolment | null;
  /** Last call that counted as activity (ms); the idle lock compares against it. */
  lastActivityAt: number;
  /** Set when the session was locked: whose lock screen to show. */
  lockedUserId: string | null;
  /** The first admin created in this session, whose authenticator setup may still confirm. */
  setupUserId: string | null;
}

const SIGNED_OUT = { userId: null, reauthUntil: null, challenge: null, enrolment: null } as const;

export function createSessionStore(now: () => number) {
  const sessions = new Map<string, Session>();
  return {
    open(): string {
      const key = randomBytes(32).toString('hex');
      sessions.set(key, { key, ...SIGNED_OUT, lastActivityAt: now(), lockedUserId: null, setupUserId: null });
      return key;
    },
    get(key: string): Session | undefined {
      return sessions.get(key);
    },
    close(key: string): void {
      sessions.delete(key);
    },
    signIn(session: Session, userId: string): void {
      Object.assign(session, SIGNED_OUT, { userId, lockedUserId: null, lastActivityAt: now() });
    },
    signOut(session: Session): void {
      Object.assign(session, SIGNED_OUT, { lockedUserId: null });
    },
    /** Idle or OS lock: the user must log in again; the lock screen knows who it was. */
    lock(session: Session): void {
      const lockedUserId = session.userId ?? session.lockedUserId;
      Object.assign(session, SIGNED_OUT, { lockedUserId });
    },
    /** Ends every session of a user (disabled, password reset), except `keep`. */
    endUserSessions(userId: string, keep?: Session): void {
      for (const s of sessions.values()) {
        if (s !== keep && (s.userId === userId || s.lockedUserId === userId)) Object.assign(s, SIGNED_OUT, { lockedUserId: null });
      }
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
