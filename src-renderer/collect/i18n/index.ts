// i18next for the phone form: Japanese first, English on a switch. The choice is not stored:
// the form keeps nothing in the phone's storage. Messages the core also sends are read from
// src-shared/messages by their key, in the same language.
import i18next from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { formatMessage, type MessageParams, type MessageRef } from '../../../src-shared/messages';
import { en } from './en';
import { ja, type CollectMessages } from './ja';

export type Language = 'ja' | 'en';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of the form's own strings (i18n/ja.ts). */
export type TextKey = Leaves<CollectMessages>;

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: 'ja',
    fallbackLng: 'ja',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = 'ja';
}

/** The form's strings and the shared messages in the current language, and the switch. */
export function useText() {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  // i18next's own types are the admin UI's (one declaration per project): these keys are checked by TextKey.
  const translate = t as unknown as (key: string, params?: MessageParams) => string;
  const text = useCallback((key: TextKey, params?: MessageParams) => translate(key, params), [translate]);
  const shared = useCallback((ref: MessageRef) => formatMessage(language, ref.key, ref.params), [language]);
  const setLanguage = useCallback(
    (next: Language) => {
      void i18n.changeLanguage(next);
      document.documentElement.lang = next;
    },
    [i18n],
  );
  return { text, shared, language, setLanguage };
}
