// 店舗・支店 (for those who may call groups.create, i.e. admins): the groups registrants belong
// to, in display order, with how many registrants each holds; add, rename, move up or down,
// delete (moving its members to another group when it has any). Changes invalidate 'groups'.
import { ActionIcon, Button, Center, Group, Loader, Menu, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBuildingStore, IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupRow } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { reorderUpdates } from '../components/reorder';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { DeleteGroupDialog } from './DeleteGroupDialog';
import { GroupFormModal } from './GroupFormModal';

type Dialog = { kind: 'create' } | { kind: 'rename' | 'delete'; group: GroupRow } | null;

export function GroupsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const groups = useVaultQuery('groups.list', {});
  // Every step of a reorder but the last leaves the list alone; the last reads it again.
  const step = useVaultMutation('groups.update');
  const lastStep = useVaultMutation('groups.update', { invalidates: ['groups'] });
  const reorder = useAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayChange = can('groups.update');

  const rows = groups.data?.rows;

  const move = (from: number, to: number) => {
    if (!rows) return;
    setNotice(null);
    const updates = reorderUpdates(rows, from, to);
    // A step refused half-way: the list is read again to show where things stand.
    void reorder.run(async () => {
      for (const [index, update] of updates.entries()) {
        await (index === updates.length - 1 ? lastStep : step).send(update);
      }
      setNotice(t('groupsPage.reordered'));
    }, { onError: () => void groups.refetch() });
  };

  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
  };

  return (
    <Stack gap="lg" maw={900}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xl">
        <PageHeader title={t('groupsPage.title')} lead={t('groupsPage.lead')} />
        {can('groups.create') && (
          <Button
            flex="none"
            mt={6}
            leftSection={<IconPlus size={18} />}
            onClick={() => {
              setNotice(null);
              setDialog({ kind: 'create' });
            }}
            disabled={!rows}
          >
            {t('groupsPage.add')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={groups.error ? errorText(groups.error) : reorder.error} />
      <Paper withBorder radius="md" p="md">
        {rows ? (
          rows.length === 0 ? (
            <Stack align="center" gap={4} p="xl" data-testid="groups-empty">
              <IconBuildingStore size={32} stroke={1.4} aria-hidden />
              <Text fw={500}>{t('groupsPage.empty')}</Text>
              <Text fz="sm" c="dimmed">
                {t('groupsPage.emptyHint')}
              </Text>
            </Stack>
          ) : (
            <Table verticalSpacing="sm" highlightOnHover aria-label={t('groupsPage.tableLabel')} data-testid="groups-table">
              <Table.Thead>
                <Table.Tr>
                  {mayChange && <Table.Th w={96}>{t('groupsPage.columns.order')}</Table.Th>}
                  <Table.Th>{t('groupsPage.columns.name')}</Table.Th>
                  <Table.Th ta="right">{t('groupsPage.columns.members')}</Table.Th>
                  {mayChange && (
                    <Table.Th w={60}>
                      <VisuallyHidden>{t('adminCommon.actions')}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((group, index) => (
                  <Table.Tr key={group.id} data-group-name={group.name}>
                    {mayChange && (
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('groupsPage.moveUp', { name: group.name })}
                            disabled={index === 0 || reorder.busy}
                            onClick={() => move(index, index - 1)}
                          >
                            <IconArrowUp size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('groupsPage.moveDown', { name: group.name })}
                            disabled={index === rows.length - 1 || reorder.busy}
                            onClick={() => move(index, index + 1)}
                          >
                            <IconArrowDown size={16} />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Text fw={500}>{group.name}</Text>
                    </Table.Td>
                    <Table.Td ta="right" data-testid="group-member-count">
                      {t('groupsPage.members', { count: group.memberCount })}
                    </Table.Td>
                    {mayChange && (
                      <Table.Td>
                        <Menu position="bottom-end" withinPortal shadow="md">
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={t('groupsPage.menuLabel', { name: group.name })}>
                              <IconDots size={18} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setDialog({ kind: 'rename', group })}>
                              {t('groupsPage.rename')}
                            </Menu.Item>
                            {can('groups.delete') && (
                              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog({ kind: 'delete', group })}>
                                {t('groupsPage.delete')}
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        ) : (
          !groups.error && (
            <Center p="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          )
        )}
      </Paper>

      {dialog?.kind === 'create' && <GroupFormModal group={null} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === 'rename' && <GroupFormModal group={dialog.group} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === 'delete' && rows && <DeleteGroupDialog group={dialog.group} groups={rows} onClose={() => setDialog(null)} onDeleted={done} />}
    </Stack>
  );
}
