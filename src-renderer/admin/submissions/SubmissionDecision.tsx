// The decision on a pending submission: 承認 (only by someone other than its author — the
// button stays disabled for the author, with the reason beside it, and the core refuses
// anyway), 差戻し and 拒否 (each with a reason). A decided one says so.
import { Alert, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { useSession } from '../session/session';
import { ReasonDialog, type ReasonOutcome } from './ReasonDialog';

type Submission = ChannelOutput<'submissions.get'>['submission'];

interface Props {
  submission: Submission;
  name: string;
  onChildOpen: (open: boolean) => void;
  onDecided: (message: string) => void;
}

type Dialog = 'approve' | ReasonOutcome | null;

export function SubmissionDecision({ submission, name, onChildOpen, onDecided }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const approving = useAction();
  // Approval stores numbers and dependents and completes the registrant.
  const approve = useVaultMutation('submissions.approve', { invalidates: ['submissions', 'registrants', 'dependents', 'audit'] });
  const [dialog, setDialogState] = useState<Dialog>(null);
  const setDialog = (next: Dialog) => {
    setDialogState(next);
    onChildOpen(next !== null);
  };

  if (submission.status !== 'pending') {
    const appliedAsEntered = submission.status === 'approved' && !submission.reviewRequired;
    return (
      <Text fz="sm" c="dimmed" data-testid="submission-decided">
        {t(appliedAsEntered ? 'reviewPage.detail.appliedAsEntered' : 'reviewPage.detail.decided')}
      </Text>
    );
  }
  if (!can('submissions.approve')) return null;

  // Pending, and the caller may review: only the author is kept from approving.
  const ownEntry = !submission.mayApprove;
  const done = (message: string) => {
    setDialog(null);
    onDecided(message);
  };

  return (
    <Stack gap="sm" data-testid="submission-actions">
      <Divider />
      {ownEntry && (
        <Alert id="own-entry-note" role="note" color="orange" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="own-entry-note">
          {t('reviewPage.detail.ownEntryNote')}
        </Alert>
      )}
      <Group gap="sm">
        <Button onClick={() => setDialog('approve')} disabled={ownEntry} aria-describedby={ownEntry ? 'own-entry-note' : undefined}>
          {t('reviewPage.detail.approve')}
        </Button>
        <Button variant="default" onClick={() => setDialog('return')}>
          {t('reviewPage.detail.return')}
        </Button>
        <Button variant="light" color="red" onClick={() => setDialog('decline')}>
          {t('reviewPage.detail.decline')}
        </Button>
      </Group>

      <ConfirmDialog
        opened={dialog === 'approve'}
        title={t('reviewPage.approveDialog.title')}
        confirmLabel={t('reviewPage.approveDialog.submit')}
        error={approving.error}
        onConfirm={async () => {
          const ok = await approving.run(async () => {
            await approve.send({ id: submission.id });
            return true;
          });
          if (ok) done(t('reviewPage.approveDialog.done', { name }));
        }}
        onClose={() => {
          approving.setError(null);
          setDialog(null);
        }}
      >
        {t('reviewPage.approveDialog.lead', { name })}
      </ConfirmDialog>
      {(dialog === 'return' || dialog === 'decline') && (
        <ReasonDialog outcome={dialog} submissionId={submission.id} name={name} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Stack>
  );
}
