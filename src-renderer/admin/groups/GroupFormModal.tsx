// Add a group (店舗・支店), or rename one. The name is checked with the contract's own field;
// the core's refusals (a name already taken) are shown in the UI's language.
import { Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type GroupRow } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';

interface Props {
  /** null: a new group. */
  group: GroupRow | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}

type Values = { name: string };

const nameOnly = contract['groups.create'].input;

export function GroupFormModal({ group, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const create = useVaultMutation('groups.create', { invalidates: ['groups'] });
  const update = useVaultMutation('groups.update', { invalidates: ['groups'] });
  const form = useForm<Values>({ initialValues: { name: group?.name ?? '' }, validate: contractResolver<Values>(nameOnly) });

  const submit = form.onSubmit((values) => {
    const name = values.name.trim();
    return action.run(async () => {
      if (group) {
        await update.send({ id: group.id, name });
        onSaved(t('groupsPage.form.renamed', { name }));
      } else {
        await create.send({ name });
        onSaved(t('groupsPage.form.created', { name }));
      }
    });
  });

  return (
    <Modal opened onClose={onClose} title={t(group ? 'groupsPage.form.renameTitle' : 'groupsPage.form.createTitle')} size="md" lockScroll={false} centered>
      <form onSubmit={submit} noValidate data-testid="group-form">
        <Stack gap="md">
          <ErrorAlert message={action.error} />
          <TextInput
            label={t('groupsPage.form.name')}
            description={t('groupsPage.form.nameHint')}
            autoComplete="off"
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <FormActions submitLabel={t(group ? 'groupsPage.form.submitRename' : 'groupsPage.form.submitCreate')} busy={action.busy} onCancel={onClose} mt="xs" />
        </Stack>
      </form>
    </Modal>
  );
}
