// The form of 代理入力: the registrant's own number, a number for each dependent on record,
// and new dependents with theirs; checked with the contract's createProxy schema (see
// proxy-entry.ts), each number also live against its check digit as it is typed.
import { Alert, Badge, Button, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle, IconPlus, IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MAX_SUBMITTED_DEPENDENTS, type DependentRow, type RegistrantRow } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { useSharedText } from '../messages';
import { AddedDependentFields } from './AddedDependentFields';
import { MyNumberField } from './MyNumberField';
import { initialValues, newAdded, proxyInput, validateProxy, type ProxyValues } from './proxy-entry';

interface Props {
  registrant: RegistrantRow;
  dependents: readonly DependentRow[];
  /** Whether the submission will wait for a second user's approval. */
  reviewRequired: boolean;
  onCancel: () => void;
  onSaved: (result: { id: string; status: string }) => void;
}

export function ProxyEntryForm({ registrant, dependents, reviewRequired, onCancel, onSaved }: Props) {
  const { t } = useTranslation();
  const sharedText = useSharedText();
  const action = useAction();
  // The registrant's status, numbers held and dependents all change; so may the queue.
  const create = useVaultMutation('submissions.createProxy', { invalidates: ['submissions', 'registrants', 'dependents', 'audit'] });
  const ownNumberRequired = sharedText('errors.submissions.registrantNumberRequired');
  const form = useForm<ProxyValues>({
    initialValues: initialValues(dependents),
    validate: (values) => validateProxy(values, dependents, registrant.hasMyNumber, ownNumberRequired),
  });
  const added = form.values.added;
  // The contract's limit counts every dependent sent: new ones and those given a number.
  const sent = added.length + form.values.existing.filter((e) => e.myNumber.trim() !== '').length;
  const full = sent >= MAX_SUBMITTED_DEPENDENTS;

  const submit = form.onSubmit((values) =>
    action.run(async () => {
      const saved = await create.send(proxyInput(registrant.id, values, dependents));
      // The typed numbers are dropped at once, whatever the parent does next.
      form.reset();
      onSaved(saved);
    }),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="proxy-entry-form">
      <Stack gap="lg">
        <Alert
          color={reviewRequired ? 'orange' : 'gray'}
          variant="light"
          role="note"
          icon={reviewRequired ? <IconUserCheck size={18} aria-hidden /> : <IconInfoCircle size={18} aria-hidden />}
          data-testid="proxy-review-note"
          data-review-required={reviewRequired}
        >
          <Text fz="sm">{t(reviewRequired ? 'proxyEntry.reviewRequired' : 'proxyEntry.reviewNotRequired')}</Text>
          <Text fz="xs" c="dimmed" mt={4}>
            {t('proxyEntry.numbersNote')}
          </Text>
        </Alert>
        <ErrorAlert message={action.error} />

        <Stack gap="xs">
          <Title order={3} fz="md">
            {t('proxyEntry.own.title')}
          </Title>
          <MyNumberField
            label={t('proxyEntry.own.label')}
            description={t(registrant.hasMyNumber ? 'proxyEntry.own.hintHeld' : 'proxyEntry.own.hintRequired')}
            required={!registrant.hasMyNumber}
            value={form.values.myNumber}
            onChange={(value) => form.setFieldValue('myNumber', value)}
            error={form.errors.myNumber}
            testId="proxy-own-number"
            autoFocus
          />
        </Stack>

        <Divider />
        <Stack gap="xs">
          <Title order={3} fz="md">
            {t('proxyEntry.existing.title')}
          </Title>
          {dependents.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {t('proxyEntry.existing.none')}
            </Text>
          ) : (
            form.values.existing.map((entry, index) => {
              const row = dependents.find((d) => d.id === entry.dependentId);
              if (!row) return null;
              const name = `${row.familyName} ${row.givenName}`;
              return (
                <Paper key={entry.dependentId} withBorder radius="sm" p="sm" data-testid="proxy-existing-dependent" data-dependent-name={name}>
                  <Group gap="xs" mb={6}>
                    <Text fz="sm" fw={500}>
                      {name}
                    </Text>
                    <Badge variant="outline" color="gray" size="sm" tt="none" fw={500}>
                      {t(`proxyEntry.relationships.${row.relationship}`)}
                    </Badge>
                  </Group>
                  <MyNumberField
                    label={t('proxyEntry.existing.newNumber', { name })}
                    description={t(row.hasMyNumber ? 'proxyEntry.existing.hintHeld' : 'proxyEntry.existing.hintNone')}
                    value={entry.myNumber}
                    onChange={(value) => form.setFieldValue(`existing.${index}.myNumber`, value)}
                    error={form.errors[`existing.${index}.myNumber`]}
                  />
                </Paper>
              );
            })
          )}
        </Stack>

        <Divider />
        <Stack gap="xs">
          <Title order={3} fz="md">
            {t('proxyEntry.added.title')}
          </Title>
          {added.length === 0 && (
            <Text fz="sm" c="dimmed">
              {t('proxyEntry.added.none')}
            </Text>
          )}
          {added.map((entry, index) => (
            <AddedDependentFields key={entry.key} form={form} index={index} />
          ))}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              disabled={full}
              onClick={() => form.insertListItem('added', newAdded())}
            >
              {t('proxyEntry.added.add')}
            </Button>
            {full && (
              <Text fz="xs" c="dimmed">
                {t('proxyEntry.added.max', { max: MAX_SUBMITTED_DEPENDENTS })}
              </Text>
            )}
          </Group>
        </Stack>

        <FormActions submitLabel={t('proxyEntry.submit')} busy={action.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
