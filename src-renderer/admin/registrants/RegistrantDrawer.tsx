// The detail drawer of one registrant: name and status at the top, 編集 for those who may
// update registrants, then the status with its moves and the completed lock, the record, the
// registrant's own My Number, the dependents with theirs, the status history and an excerpt
// of the audit trail. Read with registrants.get / .history and dependents.list when it opens,
// and again after every change (changes invalidate their namespaces).
import { Button, Center, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAddressBook, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InvitationSection } from '../collection/InvitationSection';
import { RegistrantDocumentsSection } from '../documents/RegistrantDocumentsSection';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import type { Reauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { AuditExcerpt } from './AuditExcerpt';
import { RegistrantDisposalSection } from '../disposal/RegistrantDisposalSection';
import { DependentsSection } from './DependentsSection';
import { DrawerSection } from './DrawerSection';
import { fullKana, fullName } from './format';
import { MyNumberSection } from './MyNumberSection';
import { LockBadge, RegistrantStatusBadge } from './RegistrantBadges';
import { RegistrantFormModal } from './RegistrantFormModal';
import { RegistrantRecord } from './RegistrantRecord';
import { StatusHistory } from './StatusHistory';
import { StatusPanel } from './StatusPanel';

interface Props {
  /** The registrant to show; null closes the drawer. */
  registrantId: string | null;
  reauth: Reauth;
  onClose: () => void;
}

export function RegistrantDrawer({ registrantId, reauth, onClose }: Props) {
  const { t } = useTranslation();
  // Kept after closing so the drawer still has its content while it slides out.
  const [shownId, setShownId] = useState<string | null>(registrantId);
  if (registrantId !== null && registrantId !== shownId) setShownId(registrantId);
  // Whether one of the drawer's dialogs is open.
  const [childOpen, setChildOpen] = useState(false);
  const opened = registrantId !== null;

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="xl"
      lockScroll={false}
      title={t('registrants.detail.title')}
      closeButtonProps={{ 'aria-label': t('adminCommon.close') }}
      // While a dialog of the drawer is open, Escape and Tab belong to that dialog.
      closeOnEscape={!childOpen && !reauth.open}
      trapFocus={!childOpen && !reauth.open}
      data-testid="registrant-drawer"
    >
      {shownId && <DrawerBody key={shownId} id={shownId} opened={opened} reauth={reauth} onChildOpen={setChildOpen} onGone={onClose} />}
    </Drawer>
  );
}

interface BodyProps {
  id: string;
  opened: boolean;
  reauth: Reauth;
  onChildOpen: (open: boolean) => void;
  /** The registrant no longer exists (its whole record was disposed of). */
  onGone: () => void;
}

function DrawerBody({ id, opened, reauth, onChildOpen, onGone }: BodyProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const detail = useVaultQuery('registrants.get', { id });
  const history = useVaultQuery('registrants.history', { registrantId: id });
  const dependents = useVaultQuery('dependents.list', { registrantId: id });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const registrant = detail.data?.registrant;
  const loadError = detail.error ? errorText(detail.error) : null;
  if (!registrant) {
    return loadError ? (
      <ErrorAlert message={loadError} />
    ) : (
      <Center p="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }

  const sideError = history.error ?? dependents.error;
  // Until the history says otherwise, a completed record is taken as locked: nothing is offered that the core would refuse.
  const locked = history.data?.locked ?? registrant.status === 'completed';
  const dependentRows = dependents.data?.rows;

  const openEdit = () => {
    setNotice(null);
    setEditing(true);
    onChildOpen(true);
  };
  const closeEdit = () => {
    setEditing(false);
    onChildOpen(false);
  };

  return (
    <Stack gap="md" data-testid="registrant-detail" data-registrant-id={registrant.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fz="sm" c="dimmed" data-testid="detail-kana">
            {fullKana(registrant)}
          </Text>
          <Group gap="sm" align="center">
            <Title order={3} fz="h3" data-testid="detail-name">
              {fullName(registrant)}
            </Title>
            <RegistrantStatusBadge status={registrant.status} />
            <LockBadge locked={locked} unlocked={!!history.data?.unlockedUntil} />
          </Group>
        </div>
        {can('registrants.update') && (
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={openEdit}>
            {t('registrants.detail.edit')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={sideError ? errorText(sideError) : null} />

      <StatusPanel registrant={registrant} state={history.data} reauth={reauth} onDialogChange={onChildOpen} onDone={setNotice} />
      <DrawerSection icon={IconAddressBook} title={t('registrants.detail.sectionRecord')} testId="record-section">
        <RegistrantRecord registrant={registrant} />
      </DrawerSection>
      {/* Unmounted as soon as the drawer starts closing: a shown number goes with it. */}
      {opened && <MyNumberSection registrant={registrant} locked={locked} reauth={reauth} onDialogChange={onChildOpen} />}
      {opened && <DependentsSection registrantId={registrant.id} rows={dependentRows} locked={locked} reauth={reauth} onDialogChange={onChildOpen} />}
      {opened && <RegistrantDocumentsSection registrantId={registrant.id} onDialogChange={onChildOpen} />}
      {opened && <InvitationSection registrantId={registrant.id} onDialogChange={onChildOpen} />}
      <StatusHistory rows={history.data?.rows} />
      {can('audit.query') && <AuditExcerpt registrantId={registrant.id} />}
      {opened && <RegistrantDisposalSection registrant={registrant} dependents={dependentRows} onDialogChange={onChildOpen} onDisposed={(gone, message) => (gone ? onGone() : setNotice(message))} />}

      {editing && (
        <RegistrantFormModal
          registrant={registrant}
          locked={locked}
          reauth={reauth}
          onClose={closeEdit}
          onSaved={(_id, message) => {
            closeEdit();
            setNotice(message);
          }}
        />
      )}
    </Stack>
  );
}
