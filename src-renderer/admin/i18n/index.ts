// i18next set-up: Japanese first, English switchable; the choice is kept per machine.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import { describeIssue, formatMessage } from '../../../src-shared/messages';
import { en } from './en';
import { ja, type Messages } from './ja';
import { enAdmin } from './en-admin';
import { jaAdmin, type AdminMessages } from './ja-admin';
import { enGroups } from './en-groups';
import { jaGroups, type GroupsMessages } from './ja-groups';
import { enReview } from './en-review';
import { jaReview, type ReviewMessages } from './ja-review';
import { enCollection } from './en-collection';
import { jaCollection, type CollectionMessages } from './ja-collection';
import { enCollectionMail } from './en-collection-mail';
import { jaCollectionMail, type CollectionMailMessages } from './ja-collection-mail';
import { enCsv } from './en-csv';
import { jaCsv, type CsvMessages } from './ja-csv';
import { enBackups } from './en-backups';
import { jaBackups, type BackupsMessages } from './ja-backups';
import { enDisposal } from './en-disposal';
import { jaDisposal, type DisposalMessages } from './ja-disposal';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'mnv.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages & AdminMessages & GroupsMessages & ReviewMessages & CollectionMessages & CollectionMailMessages & CsvMessages & BackupsMessages & DisposalMessages };
  }
}

// The string files are merged by their top-level keys: no two of them may share one.
type Shared<A, B> = Extract<keyof A, keyof B>;
type Clashes =
  | Shared<Messages, AdminMessages>
  | Shared<Messages & AdminMessages, GroupsMessages>
  | Shared<Messages & AdminMessages & GroupsMessages, ReviewMessages>
  | Shared<Messages & AdminMessages & GroupsMessages & ReviewMessages, CollectionMessages>
  | Shared<Messages & AdminMessages & GroupsMessages & ReviewMessages & CollectionMessages, CollectionMailMessages>
  | Shared<Messages & AdminMessages & GroupsMessages & ReviewMessages & CollectionMessages & CollectionMailMessages, CsvMessages & BackupsMessages>
  | Shared<CsvMessages, BackupsMessages>
  | Shared<CsvMessages & BackupsMessages, DisposalMessages>;
const distinctKeys: [Clashes] extends [never] ? true : { clash: Clashes } = true;
void distinctKeys;

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}


export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage unavailable: the choice lasts for this window only.
  }
}

/**
 * Schema issues read as the shared messages in the current language: forms validating with
 * the contract's schemas show the same words the core would send back.
 */
function readSchemaIssuesAsSharedMessages(): void {
  z.config({
    customError: (issue) => {
      const { key, params } = describeIssue(issue as Parameters<typeof describeIssue>[0]);
      return formatMessage(i18next.resolvedLanguage === 'en' ? 'en' : 'ja', key, params);
    },
  });
}

export async function initI18n(): Promise<void> {
  readSchemaIssuesAsSharedMessages();
  const lng = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources: {
      ja: { translation: { ...ja, ...jaAdmin, ...jaGroups, ...jaReview, ...jaCollection, ...jaCollectionMail, ...jaCsv, ...jaBackups, ...jaDisposal } },
      en: { translation: { ...en, ...enAdmin, ...enGroups, ...enReview, ...enCollection, ...enCollectionMail, ...enCsv, ...enBackups, ...enDisposal } },
    },
    lng,
    fallbackLng: 'ja',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}
