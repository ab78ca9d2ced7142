// 収集リンク in the registrant drawer (for those who may issue links): how the registrant's
// latest link stands (invitations.list, never a token), issuing one (or a new one, after a
// confirmation that the old one stops working), shown once in IssuedLinkDialog, printing it
// on a QR sheet (a new link too), and revoking it.
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconLink, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { DrawerSection } from '../registrants/DrawerSection';
import { useRegistrantFormat } from '../registrants/format';
import { useSession } from '../session/session';
import { IssuedLinkDialog, type IssuedLink } from './IssuedLinkDialog';
import { QrSheets, type PrintedSheets } from './QrSheets';

type Row = ChannelOutput<'invitations.list'>['rows'][number];
type Dialog = 'reissue' | 'revoke' | 'sheet' | null;

const STATE_COLORS: Record<Row['state'], string> = {
  live: 'teal',
  locked: 'orange',
  blocked: 'red',
  expired: 'gray',
  replaced: 'gray',
  revoked: 'gray',
  completed: 'blue',
};

/** A link that still opens (or will again): issuing anew or revoking stops it. */
function working(row: Row | undefined): boolean {
  return row?.state === 'live' || row?.state === 'locked' || row?.state === 'blocked';
}

interface Props {
  registrantId: string;
  onDialogChange: (open: boolean) => void;
}

export function InvitationSection(props: Props) {
  const { can } = useSession();
  if (!can('invitations.issue') || !can('invitations.list')) return null;
  return <InvitationPanel {...props} />;
}

function InvitationPanel({ registrantId, onDialogChange }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const format = useRegistrantFormat();
  const list = useVaultQuery('invitations.list', { registrantId });
  const lan = useVaultQuery('lan.status', {}, { enabled: can('lan.status') });
  const issue = useVaultMutation('invitations.issue', { invalidates: ['invitations'] });
  const revoke = useVaultMutation('invitations.revoke', { invalidates: ['invitations'] });
  const printSheet = useVaultMutation('invitations.printSheet', { invalidates: ['invitations'] });
  const [sheets, setSheets] = useState<PrintedSheets | null>(null);
  const action = useAction();
  const [dialog, setDialogState] = useState<Dialog>(null);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const latest = list.data?.rows[0];
  const live = working(latest);

  const setDialog = (next: Dialog) => {
    setDialogState(next);
    onDialogChange(next !== null);
  };
  const showIssued = (link: IssuedLink | null) => {
    setIssued(link);
    onDialogChange(link !== null);
  };

  const doIssue = async () => {
    setNotice(null);
    const answer = await action.run(() => issue.send({ registrantIds: [registrantId] }));
    const link = answer?.links.find((l) => l.registrantId === registrantId);
    setDialogState(null);
    showIssued(link ? { url: link.url, expiresAt: link.expiresAt } : null);
  };
  const showSheets = (printed: PrintedSheets | null) => {
    setSheets(printed);
    onDialogChange(printed !== null);
  };
  const doPrint = async () => {
    setNotice(null);
    const answer = await action.run(() => printSheet.send({ target: { by: 'ids', registrantIds: [registrantId] } }));
    setDialogState(null);
    showSheets(answer && answer.sheets.length > 0 ? answer : null);
  };
  const doRevoke = async () => {
    setNotice(null);
    const answer = await action.run(() => revoke.send({ registrantId }));
    setDialog(null);
    if (answer) setNotice(t('invitationLinks.revoked'));
  };

  const stateText = !latest
    ? t('invitationLinks.states.none')
    : latest.state === 'live'
      ? t('invitationLinks.states.live', { date: format.dateTime(latest.expiresAt) })
      : latest.state === 'locked'
        ? t('invitationLinks.states.locked', { date: format.dateTime(latest.lockedUntil ?? latest.expiresAt) })
        : t(`invitationLinks.states.${latest.state}`);

  return (
    <DrawerSection
      icon={IconLink}
      title={t('invitationLinks.title')}
      testId="invitation-section"
      aside={
        list.data && (
          <Badge variant="light" color={latest ? STATE_COLORS[latest.state] : 'gray'} tt="none" data-testid="invitation-state">
            {stateText}
          </Badge>
        )
      }
    >
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={list.error ? errorText(list.error) : dialog === null ? action.error : null} />
      {latest && (
        <Stack gap={2}>
          <Text fz="sm" c="dimmed">
            {t('invitationLinks.issuedAt', { date: format.dateTime(latest.issuedAt) })}
          </Text>
          {latest.lastOpenedAt && (
            <Text fz="sm" c="dimmed">
              {t('invitationLinks.lastOpenedAt', { date: format.dateTime(latest.lastOpenedAt) })}
            </Text>
          )}
        </Stack>
      )}
      {lan.data && !lan.data.running && (
        <Alert role="note" color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="invitation-listener-stopped">
          {t('invitationLinks.listenerStopped')}
        </Alert>
      )}
      {list.data && latest?.state !== 'completed' && (
        <Group gap="sm">
          <Button
            size="xs"
            variant={live ? 'default' : 'filled'}
            leftSection={<IconLink size={14} />}
            loading={action.busy && dialog === null}
            onClick={() => (live ? setDialog('reissue') : void doIssue())}
          >
            {live ? t('invitationLinks.reissue') : t('invitationLinks.issue')}
          </Button>
          {can('invitations.printSheet') && (
            <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => setDialog('sheet')}>
              {t('collectionMail.drawerSheet')}
            </Button>
          )}
          {live && can('invitations.revoke') && (
            <Button size="xs" variant="light" color="red" onClick={() => setDialog('revoke')}>
              {t('invitationLinks.revoke')}
            </Button>
          )}
        </Group>
      )}
      <ConfirmDialog
        opened={dialog === 'reissue'}
        title={t('invitationLinks.reissueTitle')}
        confirmLabel={t('invitationLinks.reissue')}
        error={dialog === 'reissue' ? action.error : null}
        onConfirm={doIssue}
        onClose={() => setDialog(null)}
      >
        {t('invitationLinks.reissueBody')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'revoke'}
        title={t('invitationLinks.revokeTitle')}
        confirmLabel={t('invitationLinks.revoke')}
        color="red"
        error={dialog === 'revoke' ? action.error : null}
        onConfirm={doRevoke}
        onClose={() => setDialog(null)}
      >
        {t('invitationLinks.revokeBody')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'sheet'}
        title={t('collectionMail.send.sheetsConfirmTitle')}
        confirmLabel={t('collectionMail.send.sheetsConfirm')}
        error={dialog === 'sheet' ? action.error : null}
        onConfirm={doPrint}
        onClose={() => setDialog(null)}
      >
        {t('collectionMail.drawerSheetConfirmBody')}
      </ConfirmDialog>
      <IssuedLinkDialog link={issued} onClose={() => showIssued(null)} />
      <QrSheets printed={sheets} onClose={() => showSheets(null)} />
    </DrawerSection>
  );
}
