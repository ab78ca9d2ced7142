// A settings card over one stored value: the "saved" notice, the read error, a loader until the
// value arrives, then the form. The form is keyed by when the value was read, so after a save
// (which invalidates the read) it starts again from what is stored now.
import { Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useErrorText } from '../messages';
import { SettingsSection } from './SettingsSection';

/** What the form tells its card: a save started (the old notice goes), a save succeeded. */
export interface SaveHandlers {
  onSubmitting: () => void;
  onSaved: () => void;
}

interface Props<T> {
  title: string;
  lead?: string;
  testId: string;
  stored: UseQueryResult<T, unknown>;
  savedText: string;
  children: (stored: T, handlers: SaveHandlers) => ReactNode;
}

export function StoredSettingsSection<T>({ title, lead, testId, stored, savedText, children }: Props<T>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [notice, setNotice] = useState<string | null>(null);
  const handlers: SaveHandlers = { onSubmitting: () => setNotice(null), onSaved: () => setNotice(savedText) };
  return (
    <SettingsSection title={title} lead={lead} testId={testId}>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={stored.error ? errorText(stored.error) : null} />
      {stored.data !== undefined ? (
        <Fragment key={stored.dataUpdatedAt}>{children(stored.data, handlers)}</Fragment>
      ) : (
        !stored.error && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        )
      )}
    </SettingsSection>
  );
}
