// What can be done for the registrants chosen in the list (by those who may): send them an
// invitation or a reminder (collection.sendMail), or print their QR sheets
// (invitations.printSheet); each asks first, as a new link replaces the current one. The
// outcome of a send stays below the bar with its progress. The choice stays until cleared.
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconMailForward, IconPrinter, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MailKind } from '../../../src-shared/collection-mail';
import { useMailActions } from '../collection/MailActions';
import { useSession } from '../session/session';

interface Props {
  selected: ReadonlySet<string>;
  onClear: () => void;
}

export function SelectionActions({ selected, onClear }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const mail = useMailActions({ selected: true, showProgress: true, queuedNotice: (count) => t('collectionMail.selection.queuedNotice', { count }) });
  const target = { by: 'ids' as const, registrantIds: [...selected] };
  const send = (kind: MailKind) => mail.askSend(kind, target, selected.size);
  return (
    <Stack gap="sm">
      {selected.size > 0 && (
        <Paper withBorder radius="md" p="sm" bg="blue.0" data-testid="selection-bar" data-mnv-transient>
          <Group justify="space-between" gap="sm">
            <Text fz="sm" fw={500} data-testid="selection-count">
              {t('collectionMail.selection.selected', { count: selected.size })}
            </Text>
            <Group gap="xs">
              {can('collection.sendMail') && (
                <>
                  <Button size="xs" leftSection={<IconMailForward size={14} />} onClick={() => send('invitation')}>
                    {t('collectionMail.selection.sendInvitation')}
                  </Button>
                  <Button size="xs" variant="light" leftSection={<IconMailForward size={14} />} onClick={() => send('reminder')}>
                    {t('collectionMail.selection.sendReminder')}
                  </Button>
                </>
              )}
              {can('invitations.printSheet') && (
                <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => mail.askPrint(target, selected.size)}>
                  {t('collectionMail.selection.printSheets')}
                </Button>
              )}
              <Button size="xs" variant="subtle" leftSection={<IconX size={14} />} onClick={onClear}>
                {t('collectionMail.selection.clear')}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      {mail.result}
      {mail.dialogs}
    </Stack>
  );
}
