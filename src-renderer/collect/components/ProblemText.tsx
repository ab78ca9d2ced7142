// A refusal from the listener in the UI's language: its field problems or its message, by the
// keys of src-shared/messages (the core's Japanese text only when the key is unknown here);
// no answer at all reads as a network problem.
import { tryFormatMessage, type MessageLanguage } from '../../../src-shared/messages';
import type { VaultError } from '../../../src-shared/errors';
import { useText } from '../i18n';

export function refusalText(error: VaultError | null, language: MessageLanguage, fallback: { network: string; unexpected: string }): string {
  if (!error) return fallback.network;
  if (error.issues?.length) {
    const parts = error.issues.map((issue) => tryFormatMessage(language, issue.key, issue.params));
    if (parts.every((part): part is string => part !== undefined)) return parts.join(language === 'ja' ? '／' : ' / ');
  }
  const known = error.messageKey ? tryFormatMessage(language, error.messageKey, error.params) : undefined;
  if (known !== undefined) return known;
  return language === 'ja' && error.message ? error.message : fallback.unexpected;
}

export function useRefusalText() {
  const { text, language } = useText();
  return (error: VaultError | null) => refusalText(error, language, { network: text('common.networkError'), unexpected: text('common.unexpectedError') });
}

export function ProblemText({ error }: { error: VaultError | null }) {
  const describe = useRefusalText();
  return (
    <p className="field__problem" role="alert">
      {describe(error)}
    </p>
  );
}
