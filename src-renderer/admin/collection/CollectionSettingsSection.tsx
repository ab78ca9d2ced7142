// 収集の設定 (admins): the company name the phone form shows, the company passcode (write-only:
// "設定済み" once stored, never shown; a new one typed twice), whether the birth date is asked
// too, and how many days a link lasts; collection.configure after the password is entered again.
import { Badge, Button, Group, NumberInput, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, PASSCODE_MIN_LENGTH, type ChannelInput, type ChannelOutput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { StoredSettingsSection } from '../settings/StoredSettingsSection';
import { schemaErrors } from './schema-errors';

type Stored = ChannelOutput<'collection.getSettings'>;
type Values = { companyName: string; passcode: string; passcodeConfirm: string; requireBirthDate: boolean; linkValidDays: number | string };

function toInput(values: Values): ChannelInput<'collection.configure'> {
  return {
    companyName: values.companyName,
    ...(values.passcode ? { passcode: values.passcode } : {}),
    requireBirthDate: values.requireBirthDate,
    linkValidDays: values.linkValidDays === '' ? Number.NaN : Number(values.linkValidDays),
  };
}

export function CollectionSettingsSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const settings = useVaultQuery('collection.getSettings', {});
  return (
    <StoredSettingsSection
      title={t('collectionPage.collectionForm.title')}
      lead={t('collectionPage.collectionForm.lead')}
      testId="collection-settings"
      stored={settings}
      savedText={t('collectionPage.collectionForm.saved')}
    >
      {(stored, handlers) => <CollectionForm stored={stored} reauth={reauth} {...handlers} />}
    </StoredSettingsSection>
  );
}

interface FormProps {
  stored: Stored;
  reauth: Reauth;
  onSubmitting: () => void;
  onSaved: () => void;
}

function CollectionForm({ stored, reauth, onSubmitting, onSaved }: FormProps) {
  const { t } = useTranslation();
  const action = useAction();
  const configure = useVaultMutation('collection.configure', { invalidates: ['collection', 'lan'] });
  const form = useForm<Values>({
    initialValues: { companyName: stored.companyName, passcode: '', passcodeConfirm: '', requireBirthDate: stored.requireBirthDate, linkValidDays: stored.linkValidDays },
    validate: (values) => {
      const errors: Record<string, string> = schemaErrors(contract['collection.configure'].input, toInput(values));
      if (values.passcode && !errors.passcode && values.passcodeConfirm !== values.passcode) errors.passcodeConfirm = t('collectionPage.collectionForm.passcodeMismatch');
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    onSubmitting();
    return action.run(async () => {
      const done = await reauth.run(() => configure.send(toInput(values)));
      if (done) onSaved();
    });
  });

  return (
    <>
      <ErrorAlert message={action.error} />
      <form onSubmit={submit} noValidate data-mnv-transient={form.isDirty() ? undefined : true}>
        <Stack gap="md">
          <TextInput
            label={t('collectionPage.collectionForm.companyName')}
            description={t('collectionPage.collectionForm.companyNameHint')}
            required
            {...form.getInputProps('companyName')}
          />
          <Stack gap={4}>
            <Group gap={8}>
              <Text fz="sm" fw={500}>
                {t('collectionPage.collectionForm.passcode')}
              </Text>
              <Badge size="sm" variant="light" color={stored.passcodeSet ? 'teal' : 'gray'} data-testid="passcode-state">
                {stored.passcodeSet ? t('collectionPage.collectionForm.passcodeSet') : t('collectionPage.collectionForm.passcodeNotSet')}
              </Badge>
            </Group>
            <Text fz="xs" c="dimmed">
              {stored.passcodeSet ? t('collectionPage.collectionForm.passcodeKeep') : t('collectionPage.collectionForm.passcodeNew', { min: PASSCODE_MIN_LENGTH })}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PasswordInput
                label={stored.passcodeSet ? t('collectionPage.collectionForm.passcodeNewInput') : t('collectionPage.collectionForm.passcode')}
                autoComplete="new-password" {...form.getInputProps('passcode')} />
              <PasswordInput label={t('collectionPage.collectionForm.passcodeConfirm')} autoComplete="new-password" {...form.getInputProps('passcodeConfirm')} />
            </SimpleGrid>
          </Stack>
          <Switch
            label={t('collectionPage.collectionForm.requireBirthDate')}
            description={t('collectionPage.collectionForm.requireBirthDateHint')}
            {...form.getInputProps('requireBirthDate', { type: 'checkbox' })}
          />
          <NumberInput
            label={t('collectionPage.collectionForm.linkValidDays')}
            description={t('collectionPage.collectionForm.linkValidDaysHint')}
            min={1}
            max={90}
            allowDecimal={false}
            allowNegative={false}
            required
            styles={{ wrapper: { maxWidth: 140 } }}
            {...form.getInputProps('linkValidDays')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={action.busy}>
              {t('adminCommon.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
