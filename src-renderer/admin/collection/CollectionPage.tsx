// 収集 (for those who may call lan.status): how the LAN listener stands, and for admins its
// settings and the collection settings (company name, company passcode, birth-date check,
// link validity), each saved after the password is entered again; then the collection
// e-mails (templates, sending to a filter, progress) for those who may send them.
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { useSession } from '../session/session';
import { CertificateSection } from './CertificateSection';
import { CollectionSettingsSection } from './CollectionSettingsSection';
import { LanSettingsSection } from './LanSettingsSection';
import { ListenerCard } from './ListenerCard';
import { CollectionMailSection } from './CollectionMailSection';

export function CollectionPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const reauth = useReauth();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('collectionPage.title')} lead={t('collectionPage.lead')} />
      <ListenerCard />
      {can('lan.configure') && can('collection.getSettings') && <LanSettingsSection reauth={reauth} />}
      {can('lan.configure') && <CertificateSection reauth={reauth} />}
      {can('collection.configure') && can('collection.getSettings') && <CollectionSettingsSection reauth={reauth} />}
      <CollectionMailSection reauth={reauth} />
      {reauth.dialog}
    </Stack>
  );
}
