// Add a registrant, or edit one: the whole record of registrantRecordFields — name and its
// reading (フリガナ), employee number, birth date, e-mail and phone, postal code and address,
// hire and leave dates, group, attributes (built-in and admin-added) and notes. Hiragana
// readings become katakana as the field is left (the core converts them the same way); dates
// are typed in 西暦 or 和暦 or picked (DateField). The fields are checked with the contract's
// own schema; the core's refusals are shown in the UI's language.
//
// registrants.update replaces the whole record, so every field is sent, each as the form
// holds it: a field left blank is cleared, one never touched keeps its value.
// While a completed record is locked, its identity fields (names, readings, birth date) are
// shown but not editable; contact details, dates, group, attributes and notes still are.
import { Alert, Checkbox, Grid, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { contract, type RegistrantRow } from '../../../src-shared/contract';
import type { AttributeCode } from '../../../src-shared/domain';
import { toKatakana } from '../../../src-shared/text';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { useAttributes, useGroups } from './lookups';

interface Props {
  /** null: a new registrant. */
  registrant: RegistrantRow | null;
  /** A completed registrant whose identity fields are locked (registrants.history). */
  locked?: boolean;
  reauth: Reauth;
  onClose: () => void;
  /** After a save: the registrant's id and the message to show. */
  onSaved: (id: string, message: string) => void;
}

/** The form's values: every field of the record, '' for none. */
type Values = {
  employeeCode: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  birthDate: string;
  phone: string;
  postalCode: string;
  address: string;
  hireDate: string;
  leaveDate: string;
  groupId: string;
  notes: string;
  attributes: AttributeCode[];
};

/** The record's rule, as create checks it (update adds only the id). */
const recordSchema = contract['registrants.create'].input;

/** The group Select's value for "no group". */
const NO_GROUP = '';

function initialValues(r: RegistrantRow | null): Values {
  return {
    employeeCode: r?.employeeCode ?? '',
    familyName: r?.familyName ?? '',
    givenName: r?.givenName ?? '',
    familyNameKana: r?.familyNameKana ?? '',
    givenNameKana: r?.givenNameKana ?? '',
    email: r?.email ?? '',
    birthDate: r?.birthDate ?? '',
    phone: r?.phone ?? '',
    postalCode: r?.postalCode ?? '',
    address: r?.address ?? '',
    hireDate: r?.hireDate ?? '',
    leaveDate: r?.leaveDate ?? '',
    groupId: r?.groupId ?? '',
    notes: r?.notes ?? '',
    attributes: r?.attributes ?? ['employee'],
  };
}

export function RegistrantFormModal({ registrant, locked = false, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const creating = registrant === null;
  const action = useAction();
  const attributes = useAttributes();
  const groups = useGroups();
  const create = useVaultMutation('registrants.create', { invalidates: ['registrants', 'groups', 'attributes', 'audit'] });
  const update = useVaultMutation('registrants.update', { invalidates: ['registrants', 'groups', 'attributes', 'audit'] });

  const form = useForm<Values>({
    initialValues: initialValues(registrant),
    validate: contractResolver<Values>(recordSchema),
  });

  /** On leaving a フリガナ field: show what will be stored (ひらがな → カタカナ, half-width → full-width). */
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

  /** A date field of the form: YYYY-MM-DD or '' in, the same out. */
  const dateInputProps = (path: 'birthDate' | 'hireDate' | 'leaveDate') => {
    const props = form.getInputProps(path);
    return { ...props, value: form.values[path], onChange: (value: string) => form.setFieldValue(path, value) };
  };

  const submit = form.onSubmit((values) => {
    // What the contract makes of the fields (trimmed, katakana, dates as YYYY-MM-DD, blank
    // ones absent: cleared by an update), the attributes in the list's order.
    const parsed = recordSchema.parse(values);
    const fields = { ...parsed, attributes: attributes.ordered(parsed.attributes) };
    const displayName = `${fields.familyName} ${fields.givenName}`;
    return action.run(async () => {
      if (registrant) {
        const done = await reauth.run(() => update.send({ id: registrant.id, ...fields }));
        if (done) onSaved(registrant.id, t('registrants.form.updated', { name: displayName }));
      } else {
        const done = await reauth.run(() => create.send(fields));
        if (done) onSaved(done.id, t('registrants.form.created', { name: displayName }));
      }
    });
  });

  const currentAttributes = registrant?.attributes ?? [];
  const offeredAttributes = attributes.offered(currentAttributes);
  // The group the record has, even when the list of groups does not hold it (yet).
  const groupOptions = [
    { value: NO_GROUP, label: t('registrants.noGroup') },
    ...groups.rows.map((row) => ({ value: row.id, label: row.name })),
    ...(registrant?.groupId && !groups.rows.some((row) => row.id === registrant.groupId) ? [{ value: registrant.groupId, label: '…' }] : []),
  ];

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(creating ? 'registrants.form.createTitle' : 'registrants.form.editTitle')}
      size="xl"
      lockScroll={false}
      {...reauth.modalProps}
    >
      <form onSubmit={submit} noValidate data-testid="registrant-form">
        <Stack gap="md">
          <ErrorAlert message={action.error} />
          {locked && (
            <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} data-testid="form-locked-note">
              {t('registrants.form.lockedNote')}
            </Alert>
          )}
          <Text fw={600} fz="sm">
            {t('registrants.form.sectionPerson')}
          </Text>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput label={t('registrants.form.familyName')} autoComplete="off" required disabled={locked} data-autofocus {...form.getInputProps('familyName')} />
            <TextInput label={t('registrants.form.givenName')} autoComplete="off" required disabled={locked} {...form.getInputProps('givenName')} />
            <TextInput label={t('registrants.form.familyNameKana')} autoComplete="off" required disabled={locked} {...kanaInputProps('familyNameKana')} />
            <TextInput label={t('registrants.form.givenNameKana')} autoComplete="off" required disabled={locked} {...kanaInputProps('givenNameKana')} />
          </SimpleGrid>
          <Text fz="xs" c="dimmed" mt={-8}>
            {t('registrants.form.kanaHint')}
          </Text>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput
              label={t('registrants.form.employeeCode')}
              description={t('registrants.form.employeeCodeHint')}
              autoComplete="off"
              {...form.getInputProps('employeeCode')}
            />
            <DateField
              label={t('registrants.form.birthDate')}
              description={t('registrants.form.dateHint')}
              placeholder={t('registrants.form.datePlaceholder')}
              disabled={locked}
              {...dateInputProps('birthDate')}
            />
          </SimpleGrid>

          <Text fw={600} fz="sm" mt="xs">
            {t('registrants.form.sectionContact')}
          </Text>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput
              label={t('registrants.form.email')}
              description={t('registrants.form.emailHint')}
              type="email"
              autoComplete="off"
              {...form.getInputProps('email')}
            />
            <TextInput
              label={t('registrants.form.phone')}
              description={t('registrants.form.phoneHint')}
              type="tel"
              autoComplete="off"
              {...form.getInputProps('phone')}
            />
          </SimpleGrid>
          <Grid gap="md">
            <Grid.Col span={4}>
              <TextInput
                label={t('registrants.form.postalCode')}
                description={t('registrants.form.postalCodeHint')}
                autoComplete="off"
                {...form.getInputProps('postalCode')}
              />
            </Grid.Col>
            <Grid.Col span={8}>
              <TextInput
                label={t('registrants.form.address')}
                description={t('registrants.form.addressHint')}
                autoComplete="off"
                {...form.getInputProps('address')}
              />
            </Grid.Col>
          </Grid>

          <Text fw={600} fz="sm" mt="xs">
            {t('registrants.form.sectionEmployment')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="md">
            <DateField
              label={t('registrants.form.hireDate')}
              description={t('registrants.form.dateHint')}
              placeholder={t('registrants.form.datePlaceholder')}
              {...dateInputProps('hireDate')}
            />
            <DateField
              label={t('registrants.form.leaveDate')}
              description={t('registrants.form.dateHint')}
              placeholder={t('registrants.form.datePlaceholder')}
              {...dateInputProps('leaveDate')}
            />
            <Select
              label={t('registrants.form.group')}
              description={t('registrants.form.groupHint')}
              data={groupOptions}
              value={form.values.groupId}
              onChange={(value) => form.setFieldValue('groupId', value ?? NO_GROUP)}
              error={form.errors.groupId}
              allowDeselect={false}
              searchable={groups.rows.length > 10}
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t('registrants.form.attributes')}
            description={t('registrants.form.attributesHint')}
            required
            {...form.getInputProps('attributes')}
          >
            <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs" mt="xs">
              {offeredAttributes.map((row) => (
                <Checkbox
                  key={row.code}
                  value={row.code}
                  label={row.retired ? t('registrants.filters.retired', { label: attributes.labelOf(row.code) }) : attributes.labelOf(row.code)}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea
            label={t('registrants.form.notes')}
            description={t('registrants.form.notesHint')}
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('notes')}
          />
          <FormActions
            submitLabel={t(creating ? 'registrants.form.submitCreate' : 'registrants.form.submitEdit')}
            busy={action.busy}
            onCancel={onClose}
            mt="xs"
          />
        </Stack>
      </form>
    </Modal>
  );
}
