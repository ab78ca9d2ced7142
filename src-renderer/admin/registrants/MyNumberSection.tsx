// The registrant's own マイナンバー in the detail drawer. Those who may call mynumber.set register
// and correct it — not while the completed record is locked, and not when the proxy-entry
// setting asks for a second user's approval: the core then refuses a direct entry, so the
// section offers 代理入力 instead (the registrant's number and the dependents' in one
// submission, ProxyEntryModal). Those who may call mynumber.reveal show it (for a stated
// purpose, after the password re-entry). A shown number hides itself after 60 seconds, on
// 隠す, or when the drawer closes (this component unmounts), and nothing of it is kept once
// hidden. Everyone else sees only whether a number is held.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconId, IconInfoCircle, IconPencil, IconUserEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import { Notice } from '../components/Notice';
import type { Reauth } from '../components/useReauth';
import { useSession } from '../session/session';
import { ProxyEntryModal } from '../submissions/ProxyEntryModal';
import { fullName } from './format';
import { useAfterReveal, useNumberEntry } from './number-entry';
import { MyNumberBadge } from './RegistrantBadges';
import { RevealDialog } from './RevealDialog';
import { RevealedNumber, useRevealedNumber } from './RevealedNumber';
import { SetMyNumberModal } from './SetMyNumberModal';

export { REVEAL_SECONDS } from './RevealedNumber';

interface Props {
  registrant: RegistrantRow;
  /** The completed record is locked: its number cannot be changed. */
  locked: boolean;
  reauth: Reauth;
  /** Which of this section's dialogs is open, so the drawer can step back while one is. */
  onDialogChange: (open: boolean) => void;
}

type Dialog = 'reveal' | 'set' | 'proxy' | null;

export function MyNumberSection({ registrant, locked, reauth, onDialogChange }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const entry = useNumberEntry();
  const afterReveal = useAfterReveal();
  // While a submission waits for review, the number changes only through that review.
  const pending = registrant.status === 'pending';
  const maySet = entry.direct && !locked && !pending;
  const mayReveal = can('mynumber.reveal') && registrant.hasMyNumber;
  const mayHandle = can('mynumber.set') || can('mynumber.reveal');
  // 代理入力 stands in for direct entry when the setting asks for a second user's approval.
  const mayProxy = entry.reviewRequired && entry.proxy && !locked && !pending;
  const [dialog, setDialogState] = useState<Dialog>(null);
  const { revealed, show, hide } = useRevealedNumber();
  const [notice, setNotice] = useState<string | null>(null);

  const setDialog = (next: Dialog) => {
    setDialogState(next);
    onDialogChange(next !== null);
  };

  // Why there is no 登録 / 訂正 button, when there is none for someone who handles numbers.
  const whyNoSet = !can('mynumber.set')
    ? null
    : locked
      ? 'registrants.myNumber.lockedHint'
      : pending
        ? 'registrants.myNumber.pendingHint'
        : entry.reviewRequired
          ? 'registrants.myNumber.reviewRequiredHint'
          : null;

  return (
    <Paper withBorder radius="md" p="md" data-testid="mynumber-section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <IconId size={20} stroke={1.6} aria-hidden />
            <Title order={4} fz="md">
              {t('registrants.myNumber.own')}
            </Title>
          </Group>
          <MyNumberBadge held={registrant.hasMyNumber} />
        </Group>

        {!mayHandle && (
          <Text fz="sm" c="dimmed" data-testid="viewer-note">
            {t('registrants.myNumber.viewerNote')}
          </Text>
        )}

        {mayHandle && (
          <>
            <Notice message={notice} onClose={() => setNotice(null)} />
            {revealed ? (
              <RevealedNumber revealed={revealed} onHide={hide} />
            ) : (
              (mayReveal || maySet || mayProxy) && (
                <Group gap="sm">
                  {mayReveal && (
                    <Button
                      leftSection={<IconEye size={16} />}
                      onClick={() => {
                        setNotice(null);
                        setDialog('reveal');
                      }}
                    >
                      {t('registrants.myNumber.reveal')}
                    </Button>
                  )}
                  {maySet && (
                    <Button
                      variant={registrant.hasMyNumber ? 'default' : 'filled'}
                      leftSection={<IconPencil size={16} />}
                      onClick={() => {
                        setNotice(null);
                        setDialog('set');
                      }}
                    >
                      {t(registrant.hasMyNumber ? 'registrants.myNumber.correct' : 'registrants.myNumber.register')}
                    </Button>
                  )}
                  {mayProxy && (
                    <Button
                      variant={registrant.hasMyNumber ? 'default' : 'filled'}
                      leftSection={<IconUserEdit size={16} />}
                      onClick={() => {
                        setNotice(null);
                        setDialog('proxy');
                      }}
                    >
                      {t('registrants.myNumber.proxyEntry')}
                    </Button>
                  )}
                </Group>
              )
            )}
            {!revealed && mayReveal && (
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconInfoCircle size={16} stroke={1.6} aria-hidden color="var(--mantine-color-dimmed)" />
                <Text fz="xs" c="dimmed">
                  {t('registrants.myNumber.revealHint')}
                </Text>
              </Group>
            )}
            {!revealed && whyNoSet && (
              <Text fz="xs" c="dimmed" data-testid="no-direct-entry">
                {t(whyNoSet)}
              </Text>
            )}
          </>
        )}
      </Stack>

      {dialog === 'reveal' && (
        <RevealDialog
          subject={{ registrantId: registrant.id }}
          name={fullName(registrant)}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onRevealed={(myNumber, purpose) => {
            setDialog(null);
            show(myNumber, purpose.label);
            afterReveal();
          }}
        />
      )}
      {dialog === 'set' && (
        <SetMyNumberModal
          subject={{ registrantId: registrant.id }}
          name={fullName(registrant)}
          correcting={registrant.hasMyNumber}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onSaved={(message) => {
            setDialog(null);
            setNotice(message);
          }}
        />
      )}
      <ProxyEntryModal
        registrantId={registrant.id}
        opened={dialog === 'proxy'}
        onClose={() => setDialog(null)}
        onSaved={(result) => setNotice(t(result.status === 'approved' ? 'registrants.myNumber.proxyApplied' : 'registrants.myNumber.proxySubmitted'))}
      />
    </Paper>
  );
}
