// Add a registrant, or edit one: name and its reading (フリガナ), employee number, e-mail,
// date of birth and attributes. Hiragana readings become katakana as the field is left
// (the core converts them the same way). The fields are checked with the contract's own
// registrantFields; the core's refusals are shown in the UI's language.
import { Checkbox, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { registrantFields, type RegistrantRow } from '../../../src-shared/contract';
import { ATTRIBUTE_CODES, type AttributeCode } from '../../../src-shared/domain';
import { toKatakana } from '../../../src-shared/text';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';

interface Props {
  /** null: a new registrant. */
  registrant: RegistrantRow | null;
  reauth: Reauth;
  onClose: () => void;
  /** After a save: the registrant's id and the message to show. */
  onSaved: (id: string, message: string) => void;
}

type Values = {
  employeeCode: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  birthDate: string;
  attributes: AttributeCode[];
};

export function RegistrantFormModal({ registrant, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const creating = registrant === null;
  const action = useAction();
  const create = useVaultMutation('registrants.create', { invalidates: ['registrants'] });
  const update = useVaultMutation('registrants.update', { invalidates: ['registrants'] });

  const form = useForm<Values>({
    initialValues: {
      employeeCode: registrant?.employeeCode ?? '',
      familyName: registrant?.familyName ?? '',
      givenName: registrant?.givenName ?? '',
      familyNameKana: registrant?.familyNameKana ?? '',
      givenNameKana: registrant?.givenNameKana ?? '',
      email: registrant?.email ?? '',
      birthDate: registrant?.birthDate ?? '',
      attributes: registrant?.attributes ?? ['employee'],
    },
    validate: contractResolver<Values>(registrantFields),
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

  const submit = form.onSubmit((values) => {
    // What the contract makes of the fields (trimmed, katakana, blank ones left out), the
    // attributes in the order of the list whatever order they were ticked in.
    const parsed = registrantFields.parse(values);
    const fields = { ...parsed, attributes: ATTRIBUTE_CODES.filter((code) => parsed.attributes.includes(code)) };
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

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(creating ? 'registrants.form.createTitle' : 'registrants.form.editTitle')}
      size="lg"
      lockScroll={false}
      {...reauth.modalProps}
    >
      <form onSubmit={submit} noValidate data-testid="registrant-form">
        <Stack gap="md">
          <ErrorAlert message={action.error} />
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput label={t('registrants.form.familyName')} autoComplete="off" required data-autofocus {...form.getInputProps('familyName')} />
            <TextInput label={t('registrants.form.givenName')} autoComplete="off" required {...form.getInputProps('givenName')} />
            <TextInput label={t('registrants.form.familyNameKana')} autoComplete="off" required {...kanaInputProps('familyNameKana')} />
            <TextInput label={t('registrants.form.givenNameKana')} autoComplete="off" required {...kanaInputProps('givenNameKana')} />
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
            <TextInput
              label={t('registrants.form.birthDate')}
              description={t('registrants.form.birthDateHint')}
              type="date"
              min="1900-01-01"
              {...form.getInputProps('birthDate')}
            />
          </SimpleGrid>
          <TextInput
            label={t('registrants.form.email')}
            description={t('registrants.form.emailHint')}
            type="email"
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <Checkbox.Group
            label={t('registrants.form.attributes')}
            description={t('registrants.form.attributesHint')}
            required
            {...form.getInputProps('attributes')}
          >
            <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs" mt="xs">
              {ATTRIBUTE_CODES.map((code) => (
                <Checkbox key={code} value={code} label={t(`registrants.attributes.${code}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
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
