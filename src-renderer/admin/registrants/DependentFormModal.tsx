// Add a dependent (扶養家族) to a registrant, or edit one: relationship (続柄), names and their
// readings, birth date, and the flags 税扶養 and 第3号被保険者 (a spouse's only). Checked with
// the contract's dependentFields; dependents.update replaces the fields, so all are sent.
// While the registrant's completed record is locked, the identity fields are shown but not
// editable; the two flags stay editable.
import { Alert, Checkbox, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dependentFields, RELATIONSHIPS, type DependentRow, type Relationship } from '../../../src-shared/contract';
import { toKatakana } from '../../../src-shared/text';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';

interface Props {
  registrantId: string;
  /** null: a new dependent. */
  dependent: DependentRow | null;
  locked: boolean;
  reauth: Reauth;
  onClose: () => void;
  onSaved: (message: string) => void;
}

type Values = {
  relationship: Relationship;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  taxDependent: boolean;
  category3: boolean;
};

export function DependentFormModal({ registrantId, dependent, locked, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const creating = dependent === null;
  const action = useAction();
  const create = useVaultMutation('dependents.create', { invalidates: ['dependents', 'registrants', 'audit'] });
  const update = useVaultMutation('dependents.update', { invalidates: ['dependents', 'registrants', 'audit'] });

  const form = useForm<Values>({
    initialValues: {
      relationship: dependent?.relationship ?? 'spouse',
      familyName: dependent?.familyName ?? '',
      givenName: dependent?.givenName ?? '',
      familyNameKana: dependent?.familyNameKana ?? '',
      givenNameKana: dependent?.givenNameKana ?? '',
      birthDate: dependent?.birthDate ?? '',
      taxDependent: dependent?.taxDependent ?? false,
      category3: dependent?.category3 ?? false,
    },
    validate: contractResolver<Values>(dependentFields),
  });
  const identityLocked = locked;
  const spouse = form.values.relationship === 'spouse';

  const kanaInputProps = (path: 'familyNameKana' | 'givenNameKana') => {
    const props = form.getInputProps(path);
    return {
      ...props,
      onBlur: () => {
        const converted = toKatakana(form.getValues()[path]);
        if (converted !== form.getValues()[path]) form.setFieldValue(path, converted);
        props.onBlur?.();
      },
    };
  };

  const submit = form.onSubmit((values) => {
    const fields = dependentFields.parse(values);
    const displayName = `${fields.familyName} ${fields.givenName}`;
    return action.run(async () => {
      if (dependent) {
        const done = await reauth.run(() => update.send({ id: dependent.id, ...fields }));
        if (done) onSaved(t('registrants.dependents.form.updated', { name: displayName }));
      } else {
        const done = await reauth.run(() => create.send({ registrantId, ...fields }));
        if (done) onSaved(t('registrants.dependents.form.created', { name: displayName }));
      }
    });
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(creating ? 'registrants.dependents.form.createTitle' : 'registrants.dependents.form.editTitle')}
      size="lg"
      lockScroll={false}
      {...reauth.modalProps}
    >
      <form onSubmit={submit} noValidate data-testid="dependent-form">
        <Stack gap="md">
          <ErrorAlert message={action.error} />
          {identityLocked && (
            <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
              {t('registrants.dependents.form.lockedNote')}
            </Alert>
          )}
          <Select
            label={t('registrants.dependents.form.relationship')}
            data={RELATIONSHIPS.map((value) => ({ value, label: t(`registrants.relationships.${value}`) }))}
            value={form.values.relationship}
            onChange={(value) => {
              if (!value) return;
              form.setFieldValue('relationship', value as Relationship);
              // 第3号被保険者 belongs to a spouse only.
              if (value !== 'spouse') form.setFieldValue('category3', false);
            }}
            error={form.errors.relationship}
            allowDeselect={false}
            required
            disabled={identityLocked}
            w={200}
          />
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput label={t('registrants.form.familyName')} autoComplete="off" required disabled={identityLocked} data-autofocus {...form.getInputProps('familyName')} />
            <TextInput label={t('registrants.form.givenName')} autoComplete="off" required disabled={identityLocked} {...form.getInputProps('givenName')} />
            <TextInput label={t('registrants.form.familyNameKana')} autoComplete="off" required disabled={identityLocked} {...kanaInputProps('familyNameKana')} />
            <TextInput label={t('registrants.form.givenNameKana')} autoComplete="off" required disabled={identityLocked} {...kanaInputProps('givenNameKana')} />
          </SimpleGrid>
          <Text fz="xs" c="dimmed" mt={-8}>
            {t('registrants.form.kanaHint')}
          </Text>
          <DateField
            label={t('registrants.form.birthDate')}
            description={t('registrants.form.dateHint')}
            placeholder={t('registrants.form.datePlaceholder')}
            disabled={identityLocked}
            value={form.values.birthDate}
            onChange={(value) => form.setFieldValue('birthDate', value)}
            error={form.errors.birthDate}
            w={260}
          />
          <Stack gap="xs">
            <Checkbox
              label={t('registrants.dependents.form.taxDependent')}
              description={t('registrants.dependents.form.taxDependentHint')}
              {...form.getInputProps('taxDependent', { type: 'checkbox' })}
            />
            <Checkbox
              label={t('registrants.dependents.form.category3')}
              description={t(spouse ? 'registrants.dependents.form.category3Hint' : 'registrants.dependents.form.category3SpouseOnly')}
              disabled={!spouse}
              {...form.getInputProps('category3', { type: 'checkbox' })}
            />
          </Stack>
          <FormActions
            submitLabel={t(creating ? 'registrants.dependents.form.submitCreate' : 'registrants.dependents.form.submitEdit')}
            busy={action.busy}
            onCancel={onClose}
            mt="xs"
          />
        </Stack>
      </form>
    </Modal>
  );
}
