// 属性 (a section of the settings page, for those who may call attributes.create: admins):
// the built-in attributes and those added here, in display order, with how many registrants
// have each. Added ones can be renamed; any can be moved, retired (given to nobody new, kept
// by those who have it) or brought back. Nothing is deleted. Changes invalidate 'attributes'.
import { ActionIcon, Badge, Button, Center, Group, Loader, Menu, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconDots, IconPencil, IconPlayerPause, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type AttributeRow } from '../../../src-shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { Notice } from '../components/Notice';
import { reorderUpdates } from '../components/reorder';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { SettingsSection } from '../settings/SettingsSection';
import { useAttributeLabel } from './labels';

type Values = { label: string };
const labelOnly = contract['attributes.create'].input;

type Dialog = { kind: 'rename' | 'retire'; attribute: AttributeRow } | null;

export function AttributesSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labelOf = useAttributeLabel();
  const { can } = useSession();
  const attributes = useVaultQuery('attributes.list', {});
  // Registrant rows and forms show attributes too: they are read again after a change.
  const update = useVaultMutation('attributes.update', { invalidates: ['attributes', 'registrants'] });
  const step = useVaultMutation('attributes.update');
  const create = useVaultMutation('attributes.create', { invalidates: ['attributes'] });
  const adding = useAction();
  const changing = useAction();
  const retiring = useAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayChange = can('attributes.update');

  const form = useForm<Values>({ initialValues: { label: '' }, validate: contractResolver<Values>(labelOnly) });
  const add = form.onSubmit((values) => {
    setNotice(null);
    const label = values.label.trim();
    return adding.run(async () => {
      await create.send({ label });
      form.reset();
      setNotice(t('attributeSettings.added', { label }));
    });
  });

  const rows = attributes.data?.rows;

  const move = (from: number, to: number) => {
    if (!rows) return;
    setNotice(null);
    const updates = reorderUpdates(rows.map((r) => ({ id: r.code, sortOrder: r.sortOrder })), from, to);
    void changing.run(
      async () => {
        for (const [index, { id, sortOrder }] of updates.entries()) {
          const attribute = rows.find((r) => r.code === id)!.code;
          await (index === updates.length - 1 ? update : step).send({ attribute, sortOrder });
        }
        setNotice(t('attributeSettings.reordered'));
      },
      { onError: () => void attributes.refetch() },
    );
  };

  const setRetired = async (attribute: AttributeRow, retired: boolean) => {
    const label = labelOf(attribute);
    const done = await (retired ? retiring : changing).run(async () => {
      await update.send({ attribute: attribute.code, retired });
      return true;
    });
    if (done) {
      setDialog(null);
      setNotice(t(retired ? 'attributeSettings.retiredDone' : 'attributeSettings.restored', { label }));
    }
  };

  return (
    <SettingsSection title={t('attributeSettings.title')} lead={t('attributeSettings.lead')} testId="attribute-settings">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={attributes.error ? errorText(attributes.error) : changing.error} />
      {rows ? (
        <Table verticalSpacing="xs" aria-label={t('attributeSettings.tableLabel')} data-testid="attributes-table">
          <Table.Thead>
            <Table.Tr>
              {mayChange && <Table.Th w={88}>{t('attributeSettings.columns.order')}</Table.Th>}
              <Table.Th>{t('attributeSettings.columns.label')}</Table.Th>
              <Table.Th>{t('attributeSettings.columns.kind')}</Table.Th>
              <Table.Th ta="right">{t('attributeSettings.columns.inUse')}</Table.Th>
              <Table.Th>{t('attributeSettings.columns.state')}</Table.Th>
              {mayChange && (
                <Table.Th w={52}>
                  <VisuallyHidden>{t('adminCommon.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((attribute, index) => {
              const label = labelOf(attribute);
              return (
                <Table.Tr key={attribute.code} data-attribute={attribute.code} data-attribute-label={label}>
                  {mayChange && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-label={t('attributeSettings.moveUp', { label })}
                          disabled={index === 0 || changing.busy}
                          onClick={() => move(index, index - 1)}
                        >
                          <IconArrowUp size={14} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-label={t('attributeSettings.moveDown', { label })}
                          disabled={index === rows.length - 1 || changing.busy}
                          onClick={() => move(index, index + 1)}
                        >
                          <IconArrowDown size={14} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Text fz="sm" fw={500} c={attribute.retired ? 'dimmed' : undefined}>
                      {label}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={attribute.builtin ? 'gray' : 'ai'} variant="outline" size="sm" tt="none" fw={500}>
                      {t(attribute.builtin ? 'attributeSettings.builtin' : 'attributeSettings.custom')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text fz="sm">{t('attributeSettings.inUse', { count: attribute.inUse })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={attribute.retired ? 'gray' : 'teal'}
                      variant={attribute.retired ? 'outline' : 'light'}
                      tt="none"
                      fw={500}
                      data-state={attribute.retired ? 'retired' : 'active'}
                    >
                      {t(attribute.retired ? 'attributeSettings.retired' : 'attributeSettings.active')}
                    </Badge>
                  </Table.Td>
                  {mayChange && (
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal shadow="md">
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('attributeSettings.menuLabel', { label })}>
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {attribute.builtin ? (
                            <Menu.Label>{t('attributeSettings.builtinNote')}</Menu.Label>
                          ) : (
                            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setDialog({ kind: 'rename', attribute })}>
                              {t('attributeSettings.rename')}
                            </Menu.Item>
                          )}
                          {attribute.retired ? (
                            <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => void setRetired(attribute, false)}>
                              {t('attributeSettings.restore')}
                            </Menu.Item>
                          ) : (
                            <Menu.Item color="red" leftSection={<IconPlayerPause size={16} />} onClick={() => setDialog({ kind: 'retire', attribute })}>
                              {t('attributeSettings.retire')}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : (
        !attributes.error && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        )
      )}
      {can('attributes.create') && (
        <form onSubmit={add} noValidate data-testid="attribute-add-form" data-mnv-transient={form.values.label.trim() === '' ? true : undefined}>
          <Stack gap="xs">
            <ErrorAlert message={adding.error} />
            <Group align="flex-start" gap="sm">
              <TextInput
                label={t('attributeSettings.addLabel')}
                placeholder={t('attributeSettings.addPlaceholder')}
                autoComplete="off"
                w={320}
                {...form.getInputProps('label')}
              />
              <Button type="submit" mt={25} leftSection={<IconPlus size={16} />} loading={adding.busy}>
                {t('attributeSettings.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      {dialog?.kind === 'rename' && (
        <RenameModal
          attribute={dialog.attribute}
          onClose={() => setDialog(null)}
          onSaved={(label) => {
            setDialog(null);
            setNotice(t('attributeSettings.renamed', { label }));
          }}
        />
      )}
      {dialog?.kind === 'retire' && (
        <ConfirmDialog
          opened
          title={t('attributeSettings.retireDialog.title')}
          confirmLabel={t('attributeSettings.retireDialog.submit')}
          color="red"
          error={retiring.error}
          onConfirm={() => setRetired(dialog.attribute, true)}
          onClose={() => {
            retiring.setError(null);
            setDialog(null);
          }}
        >
          {t('attributeSettings.retireDialog.lead', { label: labelOf(dialog.attribute), count: dialog.attribute.inUse })}
        </ConfirmDialog>
      )}
    </SettingsSection>
  );
}

function RenameModal({ attribute, onClose, onSaved }: { attribute: AttributeRow; onClose: () => void; onSaved: (label: string) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const update = useVaultMutation('attributes.update', { invalidates: ['attributes', 'registrants'] });
  const form = useForm<Values>({ initialValues: { label: attribute.label }, validate: contractResolver<Values>(labelOnly) });
  const submit = form.onSubmit((values) => {
    const label = values.label.trim();
    return action.run(async () => {
      await update.send({ attribute: attribute.code, label });
      onSaved(label);
    });
  });
  return (
    <Modal opened onClose={onClose} title={t('attributeSettings.renameTitle')} size="md" lockScroll={false} centered>
      <form onSubmit={submit} noValidate data-testid="attribute-rename-form">
        <Stack gap="md">
          <ErrorAlert message={action.error} />
          <TextInput label={t('attributeSettings.renameField')} autoComplete="off" required data-autofocus {...form.getInputProps('label')} />
          <FormActions submitLabel={t('attributeSettings.renameSubmit')} busy={action.busy} onCancel={onClose} mt="xs" />
        </Stack>
      </form>
    </Modal>
  );
}
