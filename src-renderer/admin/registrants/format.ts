// Dates and names of registrants as shown in the list and the detail drawer.
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';

function locale(language: string | undefined): string {
  return language === 'en' ? 'en-GB' : 'ja-JP';
}

/** Formatters for the current language: a timestamp as a date, as a date and time, and YYYY-MM-DD days. */
export function useRegistrantFormat() {
  const { i18n } = useTranslation();
  const lang = locale(i18n.resolvedLanguage);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  // A birth date is a calendar day, not an instant: format it in UTC so no time zone moves it.
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const calendarDay = (ymd: string, as: Intl.DateTimeFormat) => {
    const d = new Date(`${ymd}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? ymd : as.format(d);
  };
  return {
    date: (iso: string) => date.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    birthDate: (ymd: string) => calendarDay(ymd, day),
    /** A YYYY-MM-DD day in full (1985年4月1日), as the drawer shows it. */
    day: (ymd: string) => calendarDay(ymd, day),
    /** A YYYY-MM-DD day, short (1985/04/01), for table columns. */
    shortDay: (ymd: string) => calendarDay(ymd, shortDay),
  };
}

/** 山田 太郎 */
export function fullName(r: Pick<RegistrantRow, 'familyName' | 'givenName'>): string {
  return `${r.familyName} ${r.givenName}`;
}

/** ヤマダ タロウ */
export function fullKana(r: Pick<RegistrantRow, 'familyNameKana' | 'givenNameKana'>): string {
  return `${r.familyNameKana} ${r.givenNameKana}`;
}
