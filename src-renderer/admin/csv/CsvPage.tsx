// The CSV page: the import wizard, the export dialog, and the saved layouts (export presets,
// column mappings). Reached from the menu, and from the registrants page's CSV buttons.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useReauth } from '../components/useReauth';
import { useSession } from '../session/session';
import { ExportDialog } from './ExportDialog';
import { ImportWizard } from './ImportWizard';
import { SavedLayouts } from './SavedLayouts';
import './csv.css';

export function CsvPage({ startWith }: { startWith?: 'export' }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const reauth = useReauth();
  const [exporting, setExporting] = useState(startWith === 'export');
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('csvPage.title')} lead={t('csvPage.lead')} />
      <Notice message={notice} onClose={() => setNotice(null)} />
      {can('csv.importPreview') && (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <div>
              <Title order={2} fz="h4">
                {t('csvPage.importTitle')}
              </Title>
              <Text fz="sm" c="dimmed">
                {t('csvPage.importLead')}
              </Text>
            </div>
            <ImportWizard />
          </Stack>
        </Paper>
      )}
      {can('csv.export') && (
        <Paper withBorder radius="md" p="lg">
          <Group justify="space-between" align="center">
            <div>
              <Title order={2} fz="h4">
                {t('csvPage.exportTitle')}
              </Title>
              <Text fz="sm" c="dimmed">
                {t('csvPage.exportLead')}
              </Text>
            </div>
            <Button leftSection={<IconFileExport size={18} />} onClick={() => setExporting(true)} data-testid="csv-open-export">
              {t('csvPage.openExport')}
            </Button>
          </Group>
        </Paper>
      )}
      {can('csv.listPresets') && <SavedLayouts onNotice={setNotice} />}
      {exporting && (
        <ExportDialog
          reauth={reauth}
          onClose={() => setExporting(false)}
          onExported={(message) => {
            setExporting(false);
            setNotice(message);
          }}
        />
      )}
      {reauth.dialog}
    </Stack>
  );
}
