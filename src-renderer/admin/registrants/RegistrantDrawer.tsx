// The detail drawer of one registrant: the fields, status and attributes, 編集 for those who
// may update registrants, and the マイナンバー section. Read with registrants.get when it
// opens, and again after every change (changes invalidate 'registrants').
import { Button, Center, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import type { Reauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { fullKana, fullName, useRegistrantFormat } from './format';
import { MyNumberSection } from './MyNumberSection';
import { AttributeBadges, RegistrantStatusBadge } from './RegistrantBadges';
import { RegistrantFormModal } from './RegistrantFormModal';

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
  const [childOpen, setChildOpen] = useState(false);
  const opened = registrantId !== null;

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      lockScroll={false}
      title={t('registrants.detail.title')}
      closeButtonProps={{ 'aria-label': t('adminCommon.close') }}
      // While a dialog of the drawer is open, Escape and Tab belong to that dialog.
      closeOnEscape={!childOpen && !reauth.open}
      trapFocus={!childOpen && !reauth.open}
      data-testid="registrant-drawer"
    >
      {shownId && (
        <DrawerBody
          key={shownId}
          id={shownId}
          opened={opened}
          reauth={reauth}
          onChildOpen={setChildOpen}
        />
      )}
    </Drawer>
  );
}

interface BodyProps {
  id: string;
  opened: boolean;
  reauth: Reauth;
  onChildOpen: (open: boolean) => void;
}

function DrawerBody({ id, opened, reauth, onChildOpen }: BodyProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useRegistrantFormat();
  const { can } = useSession();
  const detail = useVaultQuery('registrants.get', { id });
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

  const notSet = (
    <Text span fz="sm" c="dimmed">
      {t('registrants.detail.notSet')}
    </Text>
  );
  const items: [string, ReactNode][] = [
    [t('registrants.detail.employeeCode'), registrant.employeeCode ?? notSet],
    [t('registrants.detail.email'), registrant.email ?? notSet],
    [t('registrants.detail.birthDate'), registrant.birthDate ? format.birthDate(registrant.birthDate) : notSet],
    [t('registrants.detail.attributes'), <AttributeBadges key="attributes" attributes={registrant.attributes} />],
    [t('registrants.detail.status'), <RegistrantStatusBadge key="status" status={registrant.status} />],
    [t('registrants.detail.createdAt'), format.dateTime(registrant.createdAt)],
    [t('registrants.detail.updatedAt'), format.dateTime(registrant.updatedAt)],
  ];

  return (
    <Stack gap="lg" data-testid="registrant-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fz="sm" c="dimmed" data-testid="detail-kana">
            {fullKana(registrant)}
          </Text>
          <Title order={3} fz="h3" data-testid="detail-name">
            {fullName(registrant)}
          </Title>
        </div>
        {can('registrants.update') && (
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={() => {
              setNotice(null);
              setEditing(true);
              onChildOpen(true);
            }}
          >
            {t('registrants.detail.edit')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={loadError} />
      <dl className="mnv-detail-list">
        {items.map(([label, value]) => (
          <div key={label} className="mnv-detail-item">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {/* Unmounted as soon as the drawer starts closing: a shown number goes with it. */}
      {opened && <MyNumberSection registrant={registrant} reauth={reauth} onDialogChange={onChildOpen} />}

      {editing && (
        <RegistrantFormModal
          registrant={registrant}
          reauth={reauth}
          onClose={() => {
            setEditing(false);
            onChildOpen(false);
          }}
          onSaved={(_id, message) => {
            setEditing(false);
            onChildOpen(false);
            setNotice(message);
          }}
        />
      )}
    </Stack>
  );
}
