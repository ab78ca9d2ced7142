// Sending collection e-mails and printing QR sheets, for a filter (the 収集 page) or for the
// registrants chosen in the list: each asks first (a new link replaces the current one), then
// calls collection.sendMail or invitations.printSheet. What a send did (queued, left out for
// their status, without an address) is shown by SendResult with the batch's progress; the
// sheets open over the app until closed.
//   const mail = useMailActions();
//   mail.askSend('reminder', { by: 'filter', filter }, count) ... mail.askPrint(target, count)
//   render {mail.dialogs} where the dialogs and the sheets belong, {mail.result} where the outcome shows.
import { Alert, List, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailKind } from '../../../src-shared/collection-mail';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { BatchProgress } from './BatchProgress';
import { QrSheets, type PrintedSheets } from './QrSheets';

export type RecipientTarget = ChannelInput<'collection.sendMail'>['target'];
type Sent = ChannelOutput<'collection.sendMail'>;

type Pending = { what: 'send'; kind: MailKind; target: RecipientTarget; count: number } | { what: 'print'; target: RecipientTarget; count: number };

export interface MailActions {
  askSend(kind: MailKind, target: RecipientTarget, count: number): void;
  askPrint(target: RecipientTarget, count: number): void;
  /** The confirmations and the sheets. */
  dialogs: ReactNode;
  /** What the latest send did, with its progress; nothing before one. */
  result: ReactNode;
  busy: boolean;
}

export function SendResult({ sent, notice, showProgress, onClose }: { sent: Sent; notice: string; showProgress: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { noEmail, noEmailTotal, notApplicable } = sent.skipped;
  return (
    <Stack gap="sm" data-testid="mail-send-result">
      <Notice message={sent.queued > 0 ? notice : t('collectionMail.send.nobody')} onClose={onClose} />
      {notApplicable > 0 && (
        <Text fz="sm" c="dimmed" data-testid="mail-not-applicable">
          {t('collectionMail.send.notApplicable', { count: notApplicable })}
        </Text>
      )}
      {noEmailTotal > 0 && (
        <Alert role="note" color="orange" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('collectionMail.send.noEmailTitle', { count: noEmailTotal })} data-testid="mail-no-email">
          <List size="sm" spacing={2}>
            {noEmail.map((r) => (
              <List.Item key={r.registrantId}>{r.name}</List.Item>
            ))}
            {noEmailTotal > noEmail.length && <List.Item>{t('collectionMail.send.noEmailMore', { count: noEmailTotal - noEmail.length })}</List.Item>}
          </List>
          <Text fz="sm" mt="xs">
            {t('collectionMail.send.noEmailHint')}
          </Text>
        </Alert>
      )}
      {showProgress && sent.batchId && <BatchProgress batchId={sent.batchId} />}
    </Stack>
  );
}

interface Options {
  /** Chosen in the list (the confirmations say "the N selected"), not a filter. */
  selected?: boolean;
  /** The send's outcome shows the batch's progress too (where no outbox list does). */
  showProgress?: boolean;
  queuedNotice?: (count: number) => string;
}

export function useMailActions({ selected = false, showProgress = false, queuedNotice }: Options = {}): MailActions {
  const { t } = useTranslation();
  const send = useVaultMutation('collection.sendMail', { invalidates: ['collection', 'invitations'] });
  const print = useVaultMutation('invitations.printSheet', { invalidates: ['invitations'] });
  const action = useAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [sheets, setSheets] = useState<PrintedSheets | null>(null);
  const [printNotice, setPrintNotice] = useState<string | null>(null);

  const confirm = async () => {
    if (!pending) return;
    if (pending.what === 'send') {
      const answer = await action.run(() => send.send({ kind: pending.kind, target: pending.target }));
      if (!answer) return;
      setSent(answer);
    } else {
      const answer = await action.run(() => print.send({ target: pending.target }));
      if (!answer) return;
      if (answer.sheets.length > 0) setSheets(answer);
      else setPrintNotice(t('collectionMail.send.sheetsNone'));
    }
    setPending(null);
  };

  const open = (next: Pending) => {
    action.setError(null);
    setSent(null);
    setPrintNotice(null);
    setPending(next);
  };

  const kindLabel = pending?.what === 'send' ? t(`collectionMail.kinds.${pending.kind}`) : '';
  const dialogs = (
    <>
      <ConfirmDialog
        opened={pending !== null}
        title={pending?.what === 'send' ? t('collectionMail.send.confirmTitle', { kind: kindLabel }) : t('collectionMail.send.sheetsConfirmTitle')}
        confirmLabel={pending?.what === 'send' ? t('collectionMail.send.confirm') : t('collectionMail.send.sheetsConfirm')}
        error={action.error}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      >
        {pending?.what === 'send'
          ? t(selected ? 'collectionMail.send.confirmSelectedBody' : 'collectionMail.send.confirmBody', { count: pending.count })
          : t(selected ? 'collectionMail.send.sheetsSelectedBody' : 'collectionMail.send.sheetsConfirmBody')}
        {pending?.what === 'send' && (
          <>
            <br />
            {t(pending.kind === 'reminder' ? 'collectionMail.send.reminderNote' : 'collectionMail.send.invitationNote')}
          </>
        )}
      </ConfirmDialog>
      <QrSheets printed={sheets} onClose={() => setSheets(null)} />
    </>
  );

  const result = (
    <>
      <Notice message={printNotice} onClose={() => setPrintNotice(null)} />
      {sent && (
        <SendResult
          sent={sent}
          notice={(queuedNotice ?? ((count) => t('collectionMail.send.queued', { count })))(sent.queued)}
          showProgress={showProgress}
          onClose={() => setSent(null)}
        />
      )}
    </>
  );

  return {
    askSend: (kind, target, count) => open({ what: 'send', kind, target, count }),
    askPrint: (target, count) => open({ what: 'print', target, count }),
    dialogs,
    result,
    busy: action.busy,
  };
}
