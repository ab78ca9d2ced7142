// One ID image or thumbnail, opened through documents.view (each opening audited by the core
// as a use for the identity check). The bytes live only as long as the component shows them:
// the query is never refetched behind the user's back and is dropped soon after it is unused.
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useVaultQuery } from '../data/query';

interface Props {
  documentId: string;
  part: 'image' | 'thumbnail';
  alt: string;
  className: string;
}

export function DocumentImage({ documentId, part, alt, className }: Props) {
  const { t } = useTranslation();
  const view = useVaultQuery('documents.view', { documentId, part }, { staleTime: Infinity, gcTime: 30_000 });
  if (!view.data) {
    return (
      <Center className={className} data-testid="document-loading">
        {view.error ? '—' : <Loader size="sm" aria-label={t('documents.loadingImage')} />}
      </Center>
    );
  }
  return <img className={className} src={`data:${view.data.mimeType};base64,${view.data.base64}`} alt={alt} data-testid={`document-${part}`} />;
}
