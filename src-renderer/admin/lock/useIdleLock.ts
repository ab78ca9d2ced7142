// The idle timer of the signed-in UI: page activity (mouse, keyboard, touch) keeps the core's
// session alive with at most one auth.keepAlive a minute; a minute before the idle limit a
// warning appears; at the limit the session is locked. Uses the page's clock (Date.now and
// setInterval), so tests can fast-forward it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'touchstart', 'wheel'] as const;
export const KEEP_ALIVE_INTERVAL_MS = 60_000;
export const WARNING_BEFORE_MS = 60_000;
const TICK_MS = 1_000;

interface Options {
  idleLockMinutes: number;
  /** Called once the session is locked (by this timer). */
  onLocked: () => void;
}

export function useIdleLock({ idleLockMinutes, onLocked }: Options) {
  // Set when the timer starts (the login or unlock just before was activity for the core too).
  const lastActivity = useRef(0);
  const lastKeepAlive = useRef(0);
  const warningRef = useRef(false);
  const lockingRef = useRef(false);
  const [warning, setWarning] = useState(false);
  const onLockedRef = useRef(onLocked);
  useEffect(() => {
    onLockedRef.current = onLocked;
  }, [onLocked]);

  const keepAlive = useCallback(() => {
    lastKeepAlive.current = Date.now();
    // A LOCKED reply reaches the lock screen through onLockedReply (api.ts).
    call('auth.keepAlive', {}).catch(() => undefined);
  }, []);

  const lockNow = useCallback(async () => {
    if (lockingRef.current) return;
    lockingRef.current = true;
    try {
      await call('auth.lock', {});
    } catch {
      // Locked in the UI all the same; the core locks an idle session on its next call.
    }
    onLockedRef.current();
  }, []);

  const resume = useCallback(() => {
    lastActivity.current = Date.now();
    warningRef.current = false;
    setWarning(false);
    keepAlive();
  }, [keepAlive]);

  useEffect(() => {
    const limitMs = idleLockMinutes * 60_000;
    lastActivity.current = Date.now();
    lastKeepAlive.current = Date.now();
    const onActivity = () => {
      // While the warning shows, only its button counts: a stray mouse move must not hide it.
      if (warningRef.current || lockingRef.current) return;
      lastActivity.current = Date.now();
      if (Date.now() - lastKeepAlive.current >= KEEP_ALIVE_INTERVAL_MS) keepAlive();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= limitMs) void lockNow();
      else if (idle >= limitMs - WARNING_BEFORE_MS && !warningRef.current) {
        warningRef.current = true;
        setWarning(true);
      }
    }, TICK_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleLockMinutes, keepAlive, lockNow]);

  return { warning, resume, lockNow };
}
