// A submission's state, and what it holds (the registrant's own number, dependents), as
// badges for the queue and the detail. Never a number: only whether one is included.
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SUBMISSION_STATES } from '../../../src-shared/contract';

type SubmissionState = (typeof SUBMISSION_STATES)[number];

const STATE_COLORS: Record<SubmissionState, string> = {
  pending: 'orange',
  approved: 'teal',
  returned: 'yellow',
  declined: 'red',
};

export function SubmissionStateBadge({ state }: { state: SubmissionState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" tt="none" fw={500} data-submission-state={state}>
      {t(`reviewPage.states.${state}`)}
    </Badge>
  );
}

export function SubmissionContents({ hasMyNumber, dependentCount }: { hasMyNumber: boolean; dependentCount: number }) {
  const { t } = useTranslation();
  if (!hasMyNumber && dependentCount === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('reviewPage.contentNone')}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      {hasMyNumber && (
        <Badge variant="outline" color="ai" size="sm" tt="none" fw={500}>
          {t('reviewPage.contentNumber')}
        </Badge>
      )}
      {dependentCount > 0 && (
        <Badge variant="outline" color="gray" size="sm" tt="none" fw={500}>
          {t('reviewPage.contentDependents', { count: dependentCount })}
        </Badge>
      )}
    </Group>
  );
}
