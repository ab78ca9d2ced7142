// Password re-entry (パスワード再入力): runs a call; when the core answers REAUTH_REQUIRED,
// asks for the password in ReauthDialog and retries the call once. Cancelling resolves to
// null quietly; any other failure is thrown on (a VaultCallError, as `call` throws it).
//   const create = useVaultMutation('users.create', { invalidates: ['users'] });
//   const value = await reauth.run(() => create.send(input));  // null: cancelled
//   ... render {reauth.dialog}; pass `reauth.modalProps` to a surrounding modal.
import { createElement, useCallback, useState, type ReactNode } from 'react';
import { VaultCallError } from '../api';
import { ReauthDialog } from './ReauthDialog';

export interface Reauth {
  run<T>(action: () => Promise<T>): Promise<T | null>;
  /** True while the dialog is open. */
  open: boolean;
  dialog: ReactNode;
  /** For a Modal under the dialog: no focus trap or Escape of its own while the dialog is up. */
  modalProps: { trapFocus: boolean; closeOnEscape: boolean };
}

export function useReauth(): Reauth {
  // The pending run's resolver while the dialog is open; null when closed.
  const [settle, setSettle] = useState<((confirmed: boolean) => void) | null>(null);
  const open = settle !== null;

  const askPassword = useCallback(() => new Promise<boolean>((resolve) => setSettle(() => resolve)), []);

  const finish = (confirmed: boolean) => {
    settle?.(confirmed);
    setSettle(null);
  };

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | null> => {
      try {
        return await action();
      } catch (err) {
        if (!(err instanceof VaultCallError && err.code === 'REAUTH_REQUIRED')) throw err;
      }
      if (!(await askPassword())) return null;
      return action();
    },
    [askPassword],
  );

  const dialog = createElement(ReauthDialog, { opened: open, onConfirmed: () => finish(true), onCancel: () => finish(false) });
  return { run, open, dialog, modalProps: { trapFocus: !open, closeOnEscape: !open } };
}
