// Runs the idle timer around the signed-in screens and shows the warning before locking.
import type { ReactNode } from 'react';
import { IdleWarning } from './IdleWarning';
import { hasUnsavedInput } from './unsaved-input';
import { useIdleLock } from './useIdleLock';

interface Props {
  idleLockMinutes: number;
  onLocked: () => void;
  /** Renders the screen, given a function that locks it now (the header's ロック button). */
  children: (lockNow: () => void) => ReactNode;
}

export function IdleLockGuard({ idleLockMinutes, onLocked, children }: Props) {
  const { warning, resume, lockNow } = useIdleLock({ idleLockMinutes, onLocked });
  const unsavedInput = warning && hasUnsavedInput();
  return (
    <>
      {children(() => void lockNow())}
      <IdleWarning opened={warning} unsavedInput={unsavedInput} onContinue={resume} onLockNow={() => void lockNow()} />
    </>
  );
}
