// 収集メール on the 収集 page (for those who may send): the templates with their preview, sending
// an invitation or a reminder to a filter of the registrant list (status, group, attribute) or
// printing QR sheets for it, and how the latest batches stand (their progress, failures and a
// retry). Each mail or sheet issues a new link: the page says so before anything is sent.
import { Alert, Button, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconMailForward, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailKind } from '../../../src-shared/collection-mail';
import type { ChannelInput } from '../../../src-shared/contract';
import { REGISTRANT_STATUSES, type AttributeCode, type RegistrantStatus } from '../../../src-shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Reauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useAttributes, useGroups } from '../registrants/lookups';
import { useSession } from '../session/session';
import { SettingsSection } from '../settings/SettingsSection';
import { BatchProgress } from './BatchProgress';
import { useMailActions } from './MailActions';
import { MailTemplatesSection } from './MailTemplatesSection';
import './collection-mail.css';

type ListFilter = NonNullable<ChannelInput<'registrants.list'>['filter']>;

const ALL = '*';
const NO_GROUP = '-';

export function CollectionMailSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can('collection.sendMail') || !can('collection.getMailTemplates')) return null;
  return (
    <>
      <div>
        <Title order={2} fz="h3" mt="md">
          {t('collectionMail.title')}
        </Title>
        <Text c="dimmed" fz="sm" mt={4}>
          {t('collectionMail.lead')}
        </Text>
      </div>
      <MailTemplatesSection reauth={reauth} />
      <SendToFilter />
      <Outbox />
    </>
  );
}

function SendToFilter() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const groups = useGroups();
  const attributes = useAttributes();
  const mail = useMailActions();
  const [kind, setKind] = useState<MailKind>('invitation');
  const [status, setStatus] = useState<RegistrantStatus | null>('unregistered');
  const [group, setGroup] = useState<string | null>(null);
  const [attribute, setAttribute] = useState<AttributeCode | null>(null);

  const filter: ListFilter = {};
  if (status) filter.status = status;
  if (group) filter.groupId = group === NO_GROUP ? null : group;
  if (attribute) filter.attribute = attribute;
  // How many the filter finds (one row read, the total counted within the caller's groups).
  const found = useVaultQuery('registrants.list', { filter, limit: 1 });
  const count = found.data?.total ?? 0;
  const target = { by: 'filter' as const, filter };

  return (
    <SettingsSection title={t('collectionMail.send.title')} lead={t('collectionMail.send.lead')} testId="mail-send">
      <ErrorAlert message={found.error ? errorText(found.error) : null} />
      <Stack gap="sm" data-mnv-transient>
        <div>
          <Text fz="sm" fw={500} mb={4}>
            {t('collectionMail.send.kind')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v === 'reminder' ? 'reminder' : 'invitation')}
            data={[
              { value: 'invitation', label: t('collectionMail.kinds.invitation') },
              { value: 'reminder', label: t('collectionMail.kinds.reminder') },
            ]}
          />
        </div>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('collectionMail.send.status')}
            data={[{ value: ALL, label: t('collectionMail.send.statusAll') }, ...REGISTRANT_STATUSES.map((value) => ({ value, label: t(`registrants.statuses.${value}`) }))]}
            value={status ?? ALL}
            onChange={(v) => setStatus(v === ALL || v === null ? null : (v as RegistrantStatus))}
            allowDeselect={false}
            w={170}
          />
          <Select
            label={t('collectionMail.send.group')}
            data={[
              { value: ALL, label: t('collectionMail.send.groupAll') },
              ...groups.rows.map((row) => ({ value: row.id, label: row.name })),
              { value: NO_GROUP, label: t('registrants.noGroup') },
            ]}
            value={group ?? ALL}
            onChange={(v) => setGroup(v === ALL ? null : v)}
            allowDeselect={false}
            w={190}
          />
          <Select
            label={t('collectionMail.send.attribute')}
            data={[{ value: ALL, label: t('collectionMail.send.attributeAll') }, ...attributes.rows.map((row) => ({ value: row.code, label: attributes.labelOf(row.code) }))]}
            value={attribute ?? ALL}
            onChange={(v) => setAttribute(v === ALL || v === null ? null : (v as AttributeCode))}
            allowDeselect={false}
            w={190}
          />
        </Group>
        <Alert role="note" color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="mail-send-note">
          <Text fz="sm">{t(kind === 'reminder' ? 'collectionMail.send.reminderNote' : 'collectionMail.send.invitationNote')}</Text>
          <Text fz="sm">{t('collectionMail.send.newLinkNote')}</Text>
        </Alert>
        <Group justify="space-between">
          <Text fz="sm" data-testid="mail-send-found">
            {found.data ? t('collectionMail.send.found', { count }) : ''}
          </Text>
          <Group gap="sm">
            {can('invitations.printSheet') && (
              <Button variant="default" leftSection={<IconPrinter size={16} />} disabled={count === 0} onClick={() => mail.askPrint(target, count)}>
                {t('collectionMail.send.printSheets')}
              </Button>
            )}
            <Button leftSection={<IconMailForward size={16} />} disabled={count === 0} onClick={() => mail.askSend(kind, target, count)}>
              {t('collectionMail.send.submit')}
            </Button>
          </Group>
        </Group>
        {mail.result}
      </Stack>
      {mail.dialogs}
    </SettingsSection>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const batches = useVaultQuery('collection.outboxBatches', {});
  return (
    <SettingsSection title={t('collectionMail.outbox.title')} lead={t('collectionMail.outbox.lead')} testId="mail-outbox">
      <ErrorAlert message={batches.error ? errorText(batches.error) : null} />
      {batches.data &&
        (batches.data.rows.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('collectionMail.outbox.none')}
          </Text>
        ) : (
          <Stack gap="lg">
            {batches.data.rows.map((row) => (
              <BatchProgress key={row.batchId} batchId={row.batchId} initial={row} />
            ))}
          </Stack>
        ))}
    </SettingsSection>
  );
}
