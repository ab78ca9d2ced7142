// How one batch of collection e-mails stands: a progress bar of sent and failed against the
// whole, read again (collection.outboxStatus, counts only, a passive poll) every POLL_MS until
// nothing is left queued; why the mails wait when the server cannot take them; and once some
// failed, the failures with their reasons (collection.outboxFailures, naming the registrants:
// read on request) and sending them again with new links (collection.retryFailed).
import { Alert, Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useRegistrantFormat } from '../registrants/format';
import { useSession } from '../session/session';

export type BatchStatus = ChannelOutput<'collection.outboxStatus'>;

export const POLL_MS = 500;

export function BatchProgress({ batchId, initial }: { batchId: string; initial?: BatchStatus }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useRegistrantFormat();
  const status = useVaultQuery('collection.outboxStatus', { batchId }, { initialData: initial, refetchInterval: (q) => (q.state.data?.done ? false : POLL_MS) });
  const [showFailures, setShowFailures] = useState(false);
  const s = status.data;
  if (!s) return <ErrorAlert message={status.error ? errorText(status.error) : null} />;
  const percent = (n: number) => (s.total === 0 ? 0 : (n / s.total) * 100);
  const label = t('collectionMail.outbox.batch', { kind: t(`collectionMail.kinds.${s.kind}`), date: format.dateTime(s.createdAt), user: s.createdBy ?? '—' });
  return (
    <Stack gap={6} data-testid="mail-batch" data-batch-id={s.batchId} data-done={s.done || undefined}>
      <Group justify="space-between" gap="sm">
        <Text fz="sm" fw={500}>
          {label}
        </Text>
        {s.done ? (
          <Badge color={s.failed > 0 ? 'orange' : 'teal'} variant="light" leftSection={<IconCheck size={12} />} tt="none" data-testid="mail-batch-state">
            {t('collectionMail.outbox.done')}
          </Badge>
        ) : (
          <Badge color="blue" variant="light" tt="none" data-testid="mail-batch-state">
            {s.retrying > 0 ? t('collectionMail.outbox.retrying') : t('collectionMail.outbox.sending')}
          </Badge>
        )}
      </Group>
      <Progress.Root size="lg" aria-label={t('collectionMail.outbox.progressLabel')} role="progressbar" aria-valuemin={0} aria-valuemax={s.total} aria-valuenow={s.sent + s.failed}>
        <Progress.Section value={percent(s.sent)} color="teal" animated={!s.done} />
        <Progress.Section value={percent(s.failed)} color="red" />
      </Progress.Root>
      <Text fz="sm" c="dimmed" data-testid="mail-batch-counts">
        {t('collectionMail.outbox.counts', { sent: s.sent, failed: s.failed, queued: s.queued, total: s.total })}
      </Text>
      {!s.done && s.lastProblem && (
        <Alert role="status" color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={16} aria-hidden />} data-testid="mail-batch-problem">
          <Text fz="sm">
            {t(`collectionMail.outbox.problems.${s.lastProblem.code}`)}
            {s.lastProblem.text && `（${s.lastProblem.text}）`}
          </Text>
        </Alert>
      )}
      {s.failed > 0 &&
        (showFailures ? (
          <Failures batchId={s.batchId} count={s.failed} />
        ) : (
          <Group>
            <Button size="xs" variant="light" color="orange" onClick={() => setShowFailures(true)}>
              {t('collectionMail.outbox.showFailures')}
            </Button>
          </Group>
        ))}
    </Stack>
  );
}

function Failures({ batchId, count }: { batchId: string; count: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const failures = useVaultQuery('collection.outboxFailures', { batchId });
  const retry = useVaultMutation('collection.retryFailed', { invalidates: ['collection', 'invitations'] });
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const doRetry = async () => {
    setNotice(null);
    const answer = await action.run(() => retry.send({ batchId }));
    if (answer) setNotice(answer.requeued > 0 ? t('collectionMail.outbox.retried', { count: answer.requeued }) : t('collectionMail.outbox.retriedNone'));
  };
  return (
    <Stack gap="xs" data-testid="mail-failures">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={failures.error ? errorText(failures.error) : action.error} />
      <Text fz="sm" fw={500}>
        {t('collectionMail.outbox.failuresTitle', { count })}
      </Text>
      {failures.data && failures.data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm" aria-label={t('collectionMail.outbox.failuresLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('collectionMail.outbox.columns.name')}</Table.Th>
                <Table.Th>{t('collectionMail.outbox.columns.email')}</Table.Th>
                <Table.Th>{t('collectionMail.outbox.columns.reason')}</Table.Th>
                <Table.Th>{t('collectionMail.outbox.columns.attempts')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {failures.data.rows.map((row) => (
                <Table.Tr key={row.id} data-testid="mail-failure">
                  <Table.Td className="mnv-nowrap">{row.name}</Table.Td>
                  <Table.Td>{row.email ?? '—'}</Table.Td>
                  <Table.Td>
                    {t(`collectionMail.outbox.problems.${row.code}`)}
                    {row.text && (
                      <Text fz="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                        {row.text}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{row.attempts}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {can('collection.retryFailed') && (
        <Group gap="sm">
          <Button size="xs" leftSection={<IconRefresh size={14} />} loading={action.busy} onClick={() => void doRetry()}>
            {t('collectionMail.outbox.retry')}
          </Button>
          <Text fz="xs" c="dimmed">
            {t('collectionMail.outbox.retryNote')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
