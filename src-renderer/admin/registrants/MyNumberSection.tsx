// The マイナンバー section of the detail drawer. Those who may call mynumber.set register and
// correct the number; those who may call mynumber.reveal show it (for a stated purpose, after
// the password re-entry). A shown number hides itself after 60 seconds, on 隠す, or when the
// drawer closes (this component unmounts), and nothing of it is kept once hidden. Everyone
// else sees only whether a number is held.
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconEyeOff, IconId, IconInfoCircle, IconPencil, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import { formatMyNumber } from '../../../src-shared/text';
import { Notice } from '../components/Notice';
import type { Reauth } from '../components/useReauth';
import { useSession } from '../session/session';
import { MyNumberBadge } from './RegistrantBadges';
import { RevealDialog } from './RevealDialog';
import { SetMyNumberModal } from './SetMyNumberModal';

/** How long a shown number stays on screen. */
export const REVEAL_SECONDS = 60;

interface Revealed {
  formatted: string;
  purposeLabel: string;
  hideAt: number;
  secondsLeft: number;
}

interface Props {
  registrant: RegistrantRow;
  reauth: Reauth;
  /** Which of this section's dialogs is open, so the drawer can step back while one is. */
  onDialogChange: (open: boolean) => void;
}

export function MyNumberSection({ registrant, reauth, onDialogChange }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const maySet = can('mynumber.set');
  const mayReveal = can('mynumber.reveal') && registrant.hasMyNumber;
  const mayHandle = maySet || can('mynumber.reveal');
  const [dialog, setDialogState] = useState<'reveal' | 'set' | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const setDialog = (next: 'reveal' | 'set' | null) => {
    setDialogState(next);
    onDialogChange(next !== null);
  };

  // Count down, and hide when the time is up.
  const hideAt = revealed?.hideAt ?? null;
  useEffect(() => {
    if (hideAt === null) return;
    const tick = () =>
      setRevealed((current) => {
        if (!current) return current;
        const left = Math.ceil((current.hideAt - Date.now()) / 1000);
        if (left <= 0) return null;
        return left === current.secondsLeft ? current : { ...current, secondsLeft: left };
      });
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [hideAt]);

  const hide = () => setRevealed(null);

  return (
    <Paper withBorder radius="md" p="md" data-testid="mynumber-section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <IconId size={20} stroke={1.6} aria-hidden />
            <Title order={4} fz="md">
              {t('registrants.myNumber.title')}
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
              <Stack gap="xs" data-testid="revealed">
                <Text fz="xs" c="dimmed">
                  {t('registrants.myNumber.revealedLabel')}
                </Text>
                <Text className="mnv-revealed-number" data-testid="revealed-number">
                  {revealed.formatted}
                </Text>
                <Alert color="blue" variant="light" icon={<IconShieldCheck size={18} aria-hidden />} p="xs">
                  <Text fz="xs">{t('registrants.myNumber.revealedNote', { purpose: revealed.purposeLabel })}</Text>
                  <Text fz="xs" data-testid="reveal-countdown">
                    {t('registrants.myNumber.autoHide', { seconds: revealed.secondsLeft })}
                  </Text>
                </Alert>
                <Group>
                  <Button variant="default" leftSection={<IconEyeOff size={16} />} onClick={hide}>
                    {t('registrants.myNumber.hide')}
                  </Button>
                </Group>
              </Stack>
            ) : (
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
              </Group>
            )}
            {!revealed && mayReveal && (
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconInfoCircle size={16} stroke={1.6} aria-hidden color="var(--mantine-color-dimmed)" />
                <Text fz="xs" c="dimmed">
                  {t('registrants.myNumber.revealHint')}
                </Text>
              </Group>
            )}
          </>
        )}
      </Stack>

      {dialog === 'reveal' && (
        <RevealDialog
          registrant={registrant}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onRevealed={(myNumber, purpose) => {
            setDialog(null);
            setRevealed({
              formatted: formatMyNumber(myNumber),
              purposeLabel: purpose.label,
              hideAt: Date.now() + REVEAL_SECONDS * 1000,
              secondsLeft: REVEAL_SECONDS,
            });
          }}
        />
      )}
      {dialog === 'set' && (
        <SetMyNumberModal
          registrant={registrant}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onSaved={(message) => {
            setDialog(null);
            setNotice(message);
          }}
        />
      )}
    </Paper>
  );
}
