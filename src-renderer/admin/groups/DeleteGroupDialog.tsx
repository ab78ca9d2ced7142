// Delete a group. A group that registrants belong to (or that users are limited to) is
// deleted only by moving them all to another group (`moveTo`), in the same transaction: the
// dialog asks for that group when the list shows members, and also when the core refuses a
// deletion because users are limited to the group (its message is shown as it is).
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupRow } from '../../../src-shared/contract';
import { VaultCallError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';

interface Props {
  group: GroupRow;
  /** Every group, in display order (the one deleted among them). */
  groups: readonly GroupRow[];
  onClose: () => void;
  onDeleted: (message: string) => void;
}

export function DeleteGroupDialog({ group, groups, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  // Members move, and the users limited to the group: registrants and users are read again.
  const remove = useVaultMutation('groups.delete', { invalidates: ['groups', 'registrants', 'users'] });
  // Known to be in use from the list, or told so by the core.
  const [inUse, setInUse] = useState(group.memberCount > 0);
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const [moveToError, setMoveToError] = useState<string | null>(null);
  const others = groups.filter((g) => g.id !== group.id);

  const confirm = () => {
    if (inUse && !moveTo) {
      setMoveToError(t('groupsPage.deleteDialog.moveToRequired'));
      return;
    }
    const destination = inUse ? others.find((g) => g.id === moveTo) : undefined;
    void action.run(
      async () => {
        await remove.send(destination ? { id: group.id, moveTo: destination.id } : { id: group.id });
        onDeleted(
          destination
            ? t('groupsPage.deleteDialog.deletedMoved', { name: group.name, to: destination.name })
            : t('groupsPage.deleteDialog.deleted', { name: group.name }),
        );
      },
      {
        onError: (err) => {
          if (err instanceof VaultCallError && err.code === 'CONFLICT') setInUse(true);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('groupsPage.deleteDialog.title')} size="md" lockScroll={false} centered>
      <Stack gap="md" data-testid="delete-group-dialog">
        <Text fz="sm">
          {group.memberCount > 0
            ? t('groupsPage.deleteDialog.leadMembers', { name: group.name, count: group.memberCount })
            : t('groupsPage.deleteDialog.lead', { name: group.name })}
        </Text>
        <ErrorAlert message={action.error} />
        {inUse &&
          (others.length > 0 ? (
            <Select
              label={t('groupsPage.deleteDialog.moveTo')}
              description={t('groupsPage.deleteDialog.moveToHint')}
              placeholder={t('groupsPage.deleteDialog.moveToPlaceholder')}
              data={others.map((g) => ({ value: g.id, label: g.name }))}
              value={moveTo}
              onChange={(value) => {
                setMoveTo(value);
                setMoveToError(null);
              }}
              error={moveToError}
              allowDeselect={false}
              searchable={others.length > 10}
              required
              comboboxProps={{ withinPortal: true, zIndex: 1000 }}
            />
          ) : (
            <Alert role="note" color="orange" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
              {t('groupsPage.deleteDialog.noOtherGroup')}
            </Alert>
          ))}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('adminCommon.cancel')}
          </Button>
          <Button color="red" loading={action.busy} disabled={inUse && others.length === 0} onClick={confirm}>
            {t(inUse ? 'groupsPage.deleteDialog.submitMove' : 'groupsPage.deleteDialog.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
