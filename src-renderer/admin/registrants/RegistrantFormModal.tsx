// Add a registrant, or edit one: name and its reading (フリガナ), employee number, e-mail,
// date of birth and attributes. Hiragana readings become katakana as the field is left
// (the core converts them the same way); the core's refusals are shown as they are.
import { Checkbox, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import { ATTRIBUTE_CODES, type AttributeCode } from '../../../src-shared/domain';
import { isKatakana, toKatakana } from '../../../src-shared/text';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { createValidators } from '../validation';

interface Props {
  /** null: a new registrant. */
  registrant: RegistrantRow | null;
  reauth: Reauth;
  onClose: () => void;
  /** After a save: the registrant's id and the message to show. */
  onSaved: (id: string, message: string) => void;
}

interface Values {
  employeeCode: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  birthDate: string;
  attributes: AttributeCode[];
}

const EMPLOYEE_CODE = /^[0-9A-Za-z_-]{1,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 50;

function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && value >= '1900-01-01';
}

/** Blank optional fields are left out: the core treats them as absent. */
function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function RegistrantFormModal({ registrant, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const creating = registrant === null;
  const action = useAction();

  const name = (value: string) => v.required(value) ?? (value.trim().length > NAME_MAX ? t('registrants.form.errors.nameLength') : null);
  const kana = (value: string) => {
    const converted = toKatakana(value);
    if (!converted) return t('validation.required');
    if (converted.length > NAME_MAX) return t('registrants.form.errors.nameLength');
    return isKatakana(converted) ? null : t('registrants.form.errors.kana');
  };

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
    validate: {
      employeeCode: (value) => (value.trim() === '' || EMPLOYEE_CODE.test(value.trim()) ? null : t('registrants.form.errors.employeeCode')),
      familyName: name,
      givenName: name,
      familyNameKana: kana,
      givenNameKana: kana,
      email: (value) => (value.trim() === '' || EMAIL.test(value.trim()) ? null : t('registrants.form.errors.email')),
      birthDate: (value) => (value.trim() === '' || isValidDate(value.trim()) ? null : t('registrants.form.errors.birthDate')),
      attributes: (value) => (value.length > 0 ? null : t('registrants.form.errors.attributes')),
    },
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
    const fields = {
      employeeCode: optional(values.employeeCode),
      familyName: values.familyName.trim(),
      givenName: values.givenName.trim(),
      familyNameKana: toKatakana(values.familyNameKana),
      givenNameKana: toKatakana(values.givenNameKana),
      email: optional(values.email),
      birthDate: optional(values.birthDate),
      // In the order of the list, whatever order they were ticked in.
      attributes: ATTRIBUTE_CODES.filter((code) => values.attributes.includes(code)),
    };
    const displayName = `${fields.familyName} ${fields.givenName}`;
    return action.run(async () => {
      if (registrant) {
        const done = await reauth.run(() => window.vault.registrants.update({ id: registrant.id, ...fields }));
        if (done) onSaved(registrant.id, t('registrants.form.updated', { name: displayName }));
      } else {
        const done = await reauth.run(() => window.vault.registrants.create(fields));
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
