// The phone form's sessions: random keys held in memory only, short-lived, each bound to one
// registrant and the link it was opened with (the registrant principal). A restart ends them
// all; the form then asks for the passcode again.
import { randomBytes } from 'node:crypto';

/** Idle time after which a session ends, and the most it lasts however busy. */
export const PHONE_SESSION_IDLE_MS = 20 * 60 * 1000;
export const PHONE_SESSION_MAX_MS = 2 * 60 * 60 * 1000;
const MAX_SESSIONS = 5000;

export interface PhoneSession {
  registrantId: string;
  invitationId: string;
  createdAt: number;
  lastUsedAt: number;
}

export function createPhoneSessions(now: () => number) {
  const sessions = new Map<string, PhoneSession>();
  const alive = (s: PhoneSession, t: number) => t - s.lastUsedAt < PHONE_SESSION_IDLE_MS && t - s.createdAt < PHONE_SESSION_MAX_MS;

  return {
    open(registrantId: string, invitationId: string): string {
      const t = now();
      for (const [key, s] of sessions) if (!alive(s, t)) sessions.delete(key);
      // The oldest goes first when the store is full (Map keeps insertion order).
      while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
      const key = randomBytes(32).toString('base64url');
      sessions.set(key, { registrantId, invitationId, createdAt: t, lastUsedAt: t });
      return key;
    },
    /** The live session of this key (its use counted), or null. */
    use(key: string): PhoneSession | null {
      const s = sessions.get(key);
      const t = now();
      if (!s) return null;
      if (!alive(s, t)) {
        sessions.delete(key);
        return null;
      }
      s.lastUsedAt = t;
      return s;
    },
    end(key: string): void {
      sessions.delete(key);
    },
  };
}

export type PhoneSessions = ReturnType<typeof createPhoneSessions>;
