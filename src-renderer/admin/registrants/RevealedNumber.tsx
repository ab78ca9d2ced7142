// A My Number on screen after a reveal: formatted in groups of four, with the purpose it was
// shown for and a countdown. It hides itself after REVEAL_SECONDS, on 隠す, or when the
// component holding it unmounts (the drawer closing); nothing of it is kept once hidden.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconEyeOff, IconShieldCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMyNumber } from '../../../src-shared/text';

/** How long a shown number stays on screen. */
export const REVEAL_SECONDS = 60;

export interface Revealed {
  formatted: string;
  purposeLabel: string;
  hideAt: number;
  secondsLeft: number;
}

/** The number shown now (or null), `show` after a reveal, `hide` to take it away. */
export function useRevealedNumber() {
  const [revealed, setRevealed] = useState<Revealed | null>(null);

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

  const show = useCallback((myNumber: string, purposeLabel: string) => {
    setRevealed({ formatted: formatMyNumber(myNumber), purposeLabel, hideAt: Date.now() + REVEAL_SECONDS * 1000, secondsLeft: REVEAL_SECONDS });
  }, []);
  const hide = useCallback(() => setRevealed(null), []);
  return { revealed, show, hide };
}

export function RevealedNumber({ revealed, onHide, compact = false }: { revealed: Revealed; onHide: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="revealed">
      <Text fz="xs" c="dimmed">
        {t('registrants.myNumber.revealedLabel')}
      </Text>
      <Text className={compact ? 'mnv-revealed-number mnv-revealed-number-compact' : 'mnv-revealed-number'} data-testid="revealed-number">
        {revealed.formatted}
      </Text>
      <Alert color="blue" variant="light" icon={<IconShieldCheck size={18} aria-hidden />} p="xs">
        <Text fz="xs">{t('registrants.myNumber.revealedNote', { purpose: revealed.purposeLabel })}</Text>
        <Text fz="xs" data-testid="reveal-countdown">
          {t('registrants.myNumber.autoHide', { seconds: revealed.secondsLeft })}
        </Text>
      </Alert>
      <Group>
        <Button variant="default" size={compact ? 'xs' : 'sm'} leftSection={<IconEyeOff size={16} />} onClick={onHide}>
          {t('registrants.myNumber.hide')}
        </Button>
      </Group>
    </Stack>
  );
}
