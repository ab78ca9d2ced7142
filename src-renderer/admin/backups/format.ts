// Times and sizes as the backup screens show them.
import { useTranslation } from 'react-i18next';

export function useBackupFormat() {
  const { i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    size: (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`),
  };
}
