// What can be done about where the registrant stands: the completed lock, the moves the status table lets
// this user make by hand (registrants.history's `next`, each asking a reason where the table
// requires one), and an admin's unlock of a completed record, with a reason and the password
// re-entered. What the buttons offer comes from the core, so no rule is copied here.
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowsExchange, IconInfoCircle, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, RegistrantRow } from '../../../src-shared/contract';
import type { RegistrantStatus } from '../../../src-shared/domain';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { useSession } from '../session/session';
import { DrawerSection } from './DrawerSection';
import { fullName, useRegistrantFormat } from './format';
import { StatusReasonDialog } from './StatusReasonDialog';

type StatusState = ChannelOutput<'registrants.history'>;
type Move = StatusState['next'][number];

interface Props {
  registrant: RegistrantRow;
  /** registrants.history's answer; undefined while it loads. */
  state: StatusState | undefined;
  reauth: Reauth;
  onDialogChange: (open: boolean) => void;
  onDone: (message: string) => void;
}

export function StatusPanel({ registrant, state, reauth, onDialogChange, onDone }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const format = useRegistrantFormat();
  const action = useAction();
  const transition = useVaultMutation('registrants.transition', { invalidates: ['registrants', 'audit'] });
  const unlock = useVaultMutation('registrants.unlock', { invalidates: ['registrants', 'audit'] });
  const [dialog, setDialogState] = useState<{ kind: 'move'; move: Move } | { kind: 'unlock' } | null>(null);

  const setDialog = (next: typeof dialog) => {
    action.setError(null);
    setDialogState(next);
    onDialogChange(next !== null);
  };

  const status: RegistrantStatus = state?.status ?? registrant.status;
  const locked = state?.locked ?? false;
  const unlockedUntil = state?.unlockedUntil ?? null;
  const moves = state?.next ?? [];
  const mayUnlock = locked && can('registrants.unlock');
  const name = fullName(registrant);
  const statusLabel = (s: RegistrantStatus) => t(`registrants.statuses.${s}`);
  // The status itself is shown beside the name; this panel only says what can be done about it.
  const nothingToSay = !locked && !unlockedUntil && status !== 'pending' && moves.length === 0 && dialog === null;

  const move = (to: RegistrantStatus, reason: string | undefined) =>
    void action.run(async () => {
      const done = await transition.send({ registrantId: registrant.id, to, ...(reason !== undefined && { reason }) });
      setDialog(null);
      onDone(t('registrants.statusPanel.transitionDialog.done', { status: statusLabel(done.status) }));
    });

  const unlockNow = (reason: string | undefined) =>
    void action.run(async () => {
      const done = await reauth.run(() => unlock.send({ registrantId: registrant.id, reason: reason ?? '' }));
      if (!done) return;
      setDialog(null);
      onDone(t('registrants.statusPanel.unlockDialog.done', { time: format.dateTime(done.until) }));
    });

  if (nothingToSay) return null;
  return (
    <DrawerSection
      icon={IconArrowsExchange}
      title={t('registrants.statusPanel.title')}
      testId="status-panel"
      data={{ 'data-current-status': status, 'data-locked': locked ? 'true' : undefined }}
    >
      {locked && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} p="sm" data-testid="locked-note">
          <Text fz="sm">{t('registrants.statusPanel.lockedNote')}</Text>
          {!can('registrants.unlock') && can('registrants.update') && (
            <Text fz="sm" mt={4}>
              {t('registrants.statusPanel.lockedAskAdmin')}
            </Text>
          )}
        </Alert>
      )}
      {unlockedUntil && (
        <Alert color="orange" variant="light" icon={<IconLockOpen size={18} aria-hidden />} p="sm" data-testid="unlocked-note">
          <Text fz="sm">{t('registrants.statusPanel.unlockedUntil', { time: format.dateTime(unlockedUntil) })}</Text>
        </Alert>
      )}
      {status === 'pending' && (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconInfoCircle size={16} stroke={1.6} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text fz="xs" c="dimmed">
            {t('registrants.statusPanel.pendingNote')}
          </Text>
        </Group>
      )}

      {(moves.length > 0 || mayUnlock) && (
        <Group gap="sm" role="group" aria-label={t('registrants.statusPanel.movesLabel')}>
          {moves.map((m) => (
            <Button key={m.to} variant="default" size="sm" onClick={() => setDialog({ kind: 'move', move: m })} data-move-to={m.to}>
              {t(`registrants.statusPanel.moveTo.${m.to}`)}
            </Button>
          ))}
          {mayUnlock && (
            <Button variant="default" size="sm" leftSection={<IconLockOpen size={16} />} onClick={() => setDialog({ kind: 'unlock' })}>
              {t('registrants.statusPanel.unlock')}
            </Button>
          )}
        </Group>
      )}

      {dialog?.kind === 'move' && (
        <StatusReasonDialog
          title={t('registrants.statusPanel.transitionDialog.title')}
          lead={t('registrants.statusPanel.transitionDialog.lead', { name, from: statusLabel(status), to: statusLabel(dialog.move.to) })}
          reasonLabel={t(dialog.move.reasonRequired ? 'registrants.statusPanel.transitionDialog.reason' : 'registrants.statusPanel.transitionDialog.reasonOptional')}
          reasonHint={t('registrants.statusPanel.transitionDialog.reasonHint')}
          reasonRequired={dialog.move.reasonRequired}
          submitLabel={t('registrants.statusPanel.transitionDialog.submit')}
          action={action}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onSubmit={(reason) => move(dialog.move.to, reason)}
        />
      )}
      {dialog?.kind === 'unlock' && (
        <StatusReasonDialog
          title={t('registrants.statusPanel.unlockDialog.title')}
          lead={t('registrants.statusPanel.unlockDialog.lead', { name })}
          reasonLabel={t('registrants.statusPanel.unlockDialog.reason')}
          reasonHint={t('registrants.statusPanel.unlockDialog.reasonHint')}
          reasonRequired
          submitLabel={t('registrants.statusPanel.unlockDialog.submit')}
          action={action}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onSubmit={unlockNow}
        />
      )}
    </DrawerSection>
  );
}
