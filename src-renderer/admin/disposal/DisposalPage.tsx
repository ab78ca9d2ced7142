// 保存期間・廃棄: the 廃棄予定 list (HR reads it; an admin disposes from it), the 廃棄記録 with
// its CSV and certificates (admins), and the retention rules (admins change them).
import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { useSession } from '../session/session';
import { Certificate } from './Certificate';
import { DueTab } from './DueTab';
import { RecordsTab } from './RecordsTab';
import { RulesTab } from './RulesTab';

export function DisposalPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [tab, setTab] = useState<string | null>('due');
  const [certificate, setCertificate] = useState<string | null>(null);
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('disposalPage.title')} lead={t('disposalPage.lead')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="due">{t('disposalPage.tabs.due')}</Tabs.Tab>
          {can('disposal.records') && <Tabs.Tab value="records">{t('disposalPage.tabs.records')}</Tabs.Tab>}
          {can('retention.rules') && <Tabs.Tab value="rules">{t('disposalPage.tabs.rules')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="due" pt="md">
          <DueTab onDisposed={() => can('disposal.records') && setTab('records')} />
        </Tabs.Panel>
        <Tabs.Panel value="records" pt="md">
          <RecordsTab onCertificate={setCertificate} />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab />
        </Tabs.Panel>
      </Tabs>
      <Certificate batchId={certificate} onClose={() => setCertificate(null)} />
    </Stack>
  );
}
