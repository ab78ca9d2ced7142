// バックアップ (admins): the folder, the daily schedule on or off, how many to keep, a backup
// taken now, the last result and the recent runs. The folder is typed as a path: the desktop
// shell offers no folder dialog through the contract, and a network share is a path anyway.
import { Badge, Button, Group, NumberInput, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_MAX_KEEP, type BackupRun } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText, useSharedText } from '../messages';
import { SettingsSection } from '../settings/SettingsSection';
import { useBackupFormat } from './format';

type Values = { folder: string; enabled: boolean; keep: number | string };
/** What the card last did, kept as a key so it follows a change of language. */
type Done = { saved: true } | { ran: string } | null;

export function BackupsSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useVaultQuery('backups.status', {});
  const [done, setDone] = useState<Done>(null);
  const notice = !done ? null : 'ran' in done ? t('backupsPage.ran', { fileName: done.ran }) : t('backupsPage.saved');
  return (
    <SettingsSection title={t('backupsPage.title')} lead={t('backupsPage.lead')} testId="backup-settings">
      <Notice message={notice} onClose={() => setDone(null)} />
      <ErrorAlert message={status.error ? errorText(status.error) : null} />
      {status.data && (
        <>
          <BackupForm key={status.dataUpdatedAt} stored={status.data.settings} reauth={reauth} onDone={setDone} />
          <LastResult recent={status.data.recent} nextDueAt={status.data.nextDueAt} />
          <RecentBackups recent={status.data.recent} />
          <Text fz="xs" c="dimmed">
            {t('backupsPage.restoreHint')}
          </Text>
        </>
      )}
    </SettingsSection>
  );
}

interface FormProps {
  stored: { folder: string | null; enabled: boolean; keep: number };
  reauth: Reauth;
  onDone: (done: Done) => void;
}

function BackupForm({ stored, reauth, onDone }: FormProps) {
  const { t } = useTranslation();
  const save = useAction();
  const run = useAction();
  const configure = useVaultMutation('backups.configure', { invalidates: ['backups'] });
  const runNow = useVaultMutation('backups.run', { invalidates: ['backups'] });
  const form = useForm<Values>({
    initialValues: { folder: stored.folder ?? '', enabled: stored.enabled, keep: stored.keep },
    validate: {
      folder: (v) => (v.trim() ? null : t('backupsPage.noFolderYet')),
      keep: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= BACKUP_MAX_KEEP ? null : `1〜${BACKUP_MAX_KEEP}`),
    },
  });

  const submit = form.onSubmit((values) => {
    onDone(null);
    return save.run(async () => {
      const done = await reauth.run(() => configure.send({ folder: values.folder.trim(), enabled: values.enabled, keep: Number(values.keep) }));
      if (done) onDone({ saved: true });
    });
  });

  const backUpNow = () => {
    onDone(null);
    return run.run(async () => {
      const taken = await reauth.run(() => runNow.send({}));
      if (taken) onDone({ ran: taken.fileName });
    });
  };

  return (
    <>
      <ErrorAlert message={save.error ?? run.error} />
      <form onSubmit={submit} noValidate data-mnv-transient={form.isDirty() ? undefined : true}>
        <Stack gap="md">
          <TextInput label={t('backupsPage.folder')} description={t('backupsPage.folderHint')} spellCheck={false} autoComplete="off" {...form.getInputProps('folder')} />
          <Switch label={t('backupsPage.enabled')} description={t('backupsPage.enabledHint')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <NumberInput
            label={t('backupsPage.keep')}
            description={t('backupsPage.keepHint')}
            min={1}
            max={BACKUP_MAX_KEEP}
            allowDecimal={false}
            allowNegative={false}
            w={460}
            {...form.getInputProps('keep')}
          />
          <Group justify="space-between">
            <Button variant="light" leftSection={<IconDatabaseExport size={16} />} onClick={backUpNow} loading={run.busy} disabled={!stored.folder || form.isDirty()}>
              {t('backupsPage.runNow')}
            </Button>
            <Button type="submit" loading={save.busy}>
              {t('adminCommon.save')}
            </Button>
          </Group>
          {!stored.folder && (
            <Text fz="sm" c="dimmed">
              {t('backupsPage.noFolderYet')}
            </Text>
          )}
        </Stack>
      </form>
    </>
  );
}

function LastResult({ recent, nextDueAt }: { recent: BackupRun[]; nextDueAt: string | null }) {
  const { t } = useTranslation();
  const shared = useSharedText();
  const format = useBackupFormat();
  const last = recent[0];
  return (
    <Stack gap={4} data-testid="backup-last-result">
      <Text fw={600} fz="sm">
        {t('backupsPage.last')}
      </Text>
      <Text fz="sm" c={last?.outcome === 'failure' ? 'red' : undefined}>
        {!last
          ? t('backupsPage.lastNever')
          : last.outcome === 'success'
            ? t('backupsPage.lastSuccess', { at: format.dateTime(last.startedAt), fileName: last.fileName })
            : t('backupsPage.lastFailure', { at: format.dateTime(last.startedAt), reason: shared(last.errorKey ?? 'errors.backups.failed') })}
      </Text>
      {nextDueAt && (
        <Text fz="sm" c="dimmed">
          {t('backupsPage.nextDue', { at: format.dateTime(nextDueAt) })}
        </Text>
      )}
    </Stack>
  );
}

function RecentBackups({ recent }: { recent: BackupRun[] }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const columns = ['at', 'fileName', 'size', 'headSeq', 'trigger', 'state'] as const;
  return (
    <Stack gap={4}>
      <Text fw={600} fz="sm">
        {t('backupsPage.recent')}
      </Text>
      {recent.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('backupsPage.recentEmpty')}
        </Text>
      ) : (
        <Table striped withTableBorder fz="sm" aria-label={t('backupsPage.recent')} data-testid="backup-list">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c}>{t(`backupsPage.columns.${c}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recent.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{format.dateTime(r.startedAt)}</Table.Td>
                <Table.Td ff="monospace">{r.fileName ?? '—'}</Table.Td>
                <Table.Td>{r.bytes === null ? '—' : format.size(r.bytes)}</Table.Td>
                <Table.Td>{r.headSeq ?? '—'}</Table.Td>
                <Table.Td>{t(`backupsPage.trigger.${r.trigger}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.outcome === 'failure' ? 'red' : r.gone ? 'gray' : 'teal'}>
                    {t(`backupsPage.state.${r.outcome === 'failure' ? 'failed' : r.gone ? 'gone' : 'kept'}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
