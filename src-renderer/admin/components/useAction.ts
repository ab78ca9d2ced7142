// One call behind a button or form: `busy` while it runs, and the message of its failure.
//   const action = useAction();
//   const submit = form.onSubmit((values) => action.run(async () => { ... }, { onError: () => form.setFieldValue('code', '') }));
//   ... <ErrorAlert message={action.error} /> <Button type="submit" loading={action.busy}>
// `run` clears the previous error, awaits `fn`, and resolves to its value, or to undefined
// after a failure, which it shows in the UI's language (useErrorText in messages.ts).
import { useCallback, useState } from 'react';
import { useErrorText } from '../messages';

export interface RunOptions {
  /** Called with the failure before its message is shown (e.g. to clear a code field). */
  onError?: (err: unknown) => void;
}

export interface Action {
  busy: boolean;
  error: string | null;
  setError: (message: string | null) => void;
  run<T>(fn: () => Promise<T>, options?: RunOptions): Promise<T | undefined>;
}

export function useAction(): Action {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async <T>(fn: () => Promise<T>, options?: RunOptions): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await fn();
      } catch (err) {
        options?.onError?.(err);
        setError(errorText(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [errorText],
  );

  return { busy, error, setError, run };
}
