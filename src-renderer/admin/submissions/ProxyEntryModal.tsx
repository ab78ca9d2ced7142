// 代理入力: HR enters a registrant's own My Number, numbers for dependents on record and new
// dependents, in one submission (submissions.createProxy). Whether it then waits for a second
// user's approval is said up front (submissions.getSettings). The numbers live only in the
// form inside this dialog and are gone when it closes.
// `onSaved` is called as soon as the submission is made; the dialog then shows the outcome
// until the user closes it (onClose).
import { Alert, Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconHourglass } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { ProxyEntryForm } from './ProxyEntryForm';

interface Props {
  registrantId: string;
  opened: boolean;
  onClose(): void;
  onSaved(result: { id: string; status: string }): void;
}

export function ProxyEntryModal({ registrantId, opened, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('proxyEntry.title')} size="xl" lockScroll={false} centered>
      {/* Mounted only while open: nothing typed outlives the dialog. */}
      {opened && <ProxyEntryContent registrantId={registrantId} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function ProxyEntryContent({ registrantId, onClose, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const registrant = useVaultQuery('registrants.get', { id: registrantId });
  const dependents = useVaultQuery('dependents.list', { registrantId });
  const settings = useVaultQuery('submissions.getSettings', {});
  const [result, setResult] = useState<{ id: string; status: string } | null>(null);

  const failed = registrant.error ?? dependents.error ?? settings.error;
  if (failed) return <ErrorAlert message={errorText(failed)} />;
  if (!registrant.data || !dependents.data || !settings.data) {
    return (
      <Center p="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  const person = registrant.data.registrant;
  const name = `${person.familyName} ${person.givenName}`;

  if (result) {
    const approved = result.status === 'approved';
    return (
      <Stack gap="md" data-testid="proxy-entry-result" data-status={result.status}>
        <Alert
          color={approved ? 'teal' : 'orange'}
          variant="light"
          role="status"
          icon={approved ? <IconCircleCheck size={18} aria-hidden /> : <IconHourglass size={18} aria-hidden />}
          title={t(approved ? 'proxyEntry.result.titleApproved' : 'proxyEntry.result.titlePending')}
        >
          {t(approved ? 'proxyEntry.result.approved' : 'proxyEntry.result.pending', { name })}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {t('proxyEntry.result.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text fz="sm">{t('proxyEntry.lead', { name })}</Text>
      <ProxyEntryForm
        registrant={person}
        dependents={dependents.data.rows}
        reviewRequired={settings.data.reviewRequiredNow}
        onCancel={onClose}
        onSaved={(saved) => {
          setResult(saved);
          onSaved(saved);
        }}
      />
    </Stack>
  );
}
