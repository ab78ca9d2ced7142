// The dependents a submission adds or changes, each with its details, and for a change what
// differs from the record held now (dependents.list); whether a number is included, never
// the number.
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, DependentRow } from '../../../src-shared/contract';
import { useRegistrantFormat } from '../registrants/format';

type SubmittedDependent = ChannelOutput<'submissions.get'>['submission']['dependents'][number];

const COMPARED = ['relationship', 'name', 'kana', 'birthDate', 'taxDependent', 'category3'] as const;
type Compared = (typeof COMPARED)[number];

function differences(submitted: SubmittedDependent, current: DependentRow): Compared[] {
  const same: Record<Compared, boolean> = {
    relationship: submitted.relationship === current.relationship,
    name: submitted.familyName === current.familyName && submitted.givenName === current.givenName,
    kana: submitted.familyNameKana === current.familyNameKana && submitted.givenNameKana === current.givenNameKana,
    birthDate: submitted.birthDate === current.birthDate,
    taxDependent: submitted.taxDependent === current.taxDependent,
    category3: submitted.category3 === current.category3,
  };
  return COMPARED.filter((field) => !same[field]);
}

interface Props {
  dependents: readonly SubmittedDependent[];
  /** The registrant's dependents on record now (undefined while being read). */
  current: readonly DependentRow[] | undefined;
}

export function SubmittedDependents({ dependents, current }: Props) {
  const { t } = useTranslation();
  if (dependents.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('reviewPage.detail.noDependents')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {dependents.map((dependent) => (
        <SubmittedDependentCard
          key={dependent.position}
          dependent={dependent}
          current={dependent.dependentId ? current?.find((d) => d.id === dependent.dependentId) : undefined}
        />
      ))}
    </Stack>
  );
}

function SubmittedDependentCard({ dependent, current }: { dependent: SubmittedDependent; current: DependentRow | undefined }) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  const changing = dependent.dependentId !== null;
  const changed = current ? differences(dependent, current) : [];
  const flags = [dependent.taxDependent && t('reviewPage.detail.taxDependent'), dependent.category3 && t('reviewPage.detail.category3')].filter(Boolean);
  const numberText = !dependent.hasMyNumber
    ? t('reviewPage.detail.numberNo')
    : t(current?.hasMyNumber ? 'reviewPage.detail.numberCorrects' : 'reviewPage.detail.numberYes');
  const name = `${dependent.familyName} ${dependent.givenName}`;

  return (
    <Paper withBorder radius="sm" p="sm" data-testid="submitted-dependent" data-dependent-name={name}>
      <Group gap="xs" mb={6}>
        <Badge color={changing ? 'blue' : 'teal'} variant="light" size="sm" tt="none" fw={500}>
          {t(changing ? 'reviewPage.detail.changed' : 'reviewPage.detail.added')}
        </Badge>
        <Badge color="gray" variant="outline" size="sm" tt="none" fw={500}>
          {t(`proxyEntry.relationships.${dependent.relationship}`)}
        </Badge>
        <Text fz="sm" fw={500}>
          {name}
        </Text>
        <Text fz="xs" c="dimmed">
          {dependent.familyNameKana} {dependent.givenNameKana}
        </Text>
      </Group>
      <dl className="mnv-review-facts">
        <dt>{t('reviewPage.detail.birthDate')}</dt>
        <dd>{dependent.birthDate ? format.birthDate(dependent.birthDate) : t('reviewPage.detail.notSet')}</dd>
        <dt>{t('reviewPage.detail.flags')}</dt>
        <dd>{flags.length > 0 ? flags.join(t('reviewPage.detail.listSeparator')) : t('reviewPage.detail.notSet')}</dd>
        <dt>{t('reviewPage.detail.number')}</dt>
        <dd data-testid="submitted-dependent-number">{numberText}</dd>
      </dl>
      {changing && current && (
        <Text fz="xs" c="dimmed" mt={6}>
          {changed.length > 0
            ? t('reviewPage.detail.changedFields', { fields: changed.map((field) => t(`reviewPage.detail.${field}`)).join(t('reviewPage.detail.listSeparator')) })
            : t('reviewPage.detail.noFieldChange')}
        </Text>
      )}
    </Paper>
  );
}
