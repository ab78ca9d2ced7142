// Text from the shared catalogue (src-shared/messages) in the UI's language: the core's
// errors by their message key (the same catalogue the core wrote its Japanese text from),
// and the form-only messages (a confirmation that does not match, a password problem).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMessage, tryFormatMessage, type MessageLanguage, type MessageParams } from '../../src-shared/messages';
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

/** `(key, params) => text` of a shared message in the current language. */
export function useSharedText(): (key: string, params?: MessageParams) => string {
  const { i18n } = useTranslation();
  const language = messageLanguage(i18n.resolvedLanguage);
  return useCallback((key: string, params?: MessageParams) => formatMessage(language, key, params), [language]);
}
