// The text of a failure in the UI's language: the core's error by its message key (the same
// catalogue the core wrote its Japanese text from), else the core's own text, else the
// fallback for a failure that never reached the core.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { tryFormatMessage, type MessageLanguage } from '../../src-shared/messages';
import { VaultCallError } from './api';

export function messageLanguage(resolved: string | undefined): MessageLanguage {
  return resolved === 'en' ? 'en' : 'ja';
}

export function errorText(error: unknown, language: MessageLanguage, fallback: string): string {
  if (!(error instanceof VaultCallError)) return fallback;
  const { detail } = error;
  if (detail.issues?.length) {
    const parts = detail.issues.map((i) => tryFormatMessage(language, i.key, i.params));
    if (parts.every((p): p is string => p !== undefined)) return parts.join(language === 'ja' ? '／' : ' / ');
  }
  if (detail.messageKey) {
    const text = tryFormatMessage(language, detail.messageKey, detail.params);
    if (text !== undefined) return text;
  }
  return detail.message;
}

/** `(error) => text` in the current language; transport failures read as common.unexpectedError. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const language = messageLanguage(i18n.resolvedLanguage);
  return useCallback((error: unknown) => errorText(error, language, t('common.unexpectedError')), [language, t]);
}
