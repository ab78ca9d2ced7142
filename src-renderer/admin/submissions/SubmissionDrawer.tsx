// One submission in detail (submissions.get): whose, how it came in, who entered it and when,
// whether it includes the registrant's own number (never the number: a submitted number is
// seen by nobody before it is stored, and then only through the reveal flow), the dependents
// it adds or changes, and the decision once made. Reviewers approve, return or decline it.
import { Alert, Center, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { CrossCheckBadge } from '../documents/CrossCheckBadge';
import { DocumentGallery } from '../documents/DocumentGallery';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { fullKana, fullName, useRegistrantFormat } from '../registrants/format';
import { RegistrantStatusBadge } from '../registrants/RegistrantBadges';
import { useSession } from '../session/session';
import { SubmissionStateBadge } from './SubmissionBadges';
import { SubmissionDecision } from './SubmissionDecision';
import { enteredByLabel } from './SubmissionTable';
import { SubmittedDependents } from './SubmittedDependents';

interface Props {
  /** The submission to show; null closes the drawer. */
  submissionId: string | null;
  onClose: () => void;
  /** After an approval, a return or a decline: the message to show on the page. */
  onDecided: (message: string) => void;
}

export function SubmissionDrawer({ submissionId, onClose, onDecided }: Props) {
  const { t } = useTranslation();
  // Kept after closing so the drawer still has its content while it slides out.
  const [shownId, setShownId] = useState<string | null>(submissionId);
  if (submissionId !== null && submissionId !== shownId) setShownId(submissionId);
  const [childOpen, setChildOpen] = useState(false);
  return (
    <Drawer
      opened={submissionId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      lockScroll={false}
      title={t('reviewPage.detail.title')}
      closeButtonProps={{ 'aria-label': t('adminCommon.close') }}
      // While a decision dialog is open, Escape and Tab belong to it.
      closeOnEscape={!childOpen}
      trapFocus={!childOpen}
      data-testid="submission-drawer"
    >
      {shownId && <DrawerBody key={shownId} id={shownId} onChildOpen={setChildOpen} onDecided={onDecided} />}
    </Drawer>
  );
}

function DrawerBody({ id, onChildOpen, onDecided }: { id: string; onChildOpen: (open: boolean) => void; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useRegistrantFormat();
  const { can } = useSession();
  const detail = useVaultQuery('submissions.get', { id });
  const submission = detail.data?.submission;
  const changesSome = submission?.dependents.some((d) => d.dependentId !== null) ?? false;
  const current = useVaultQuery('dependents.list', { registrantId: submission?.registrantId ?? '' }, { enabled: changesSome && can('dependents.list') });

  if (!submission) {
    return detail.error ? (
      <ErrorAlert message={errorText(detail.error)} />
    ) : (
      <Center p="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  const name = fullName(submission.registrant);
  const notSet = t('reviewPage.detail.notSet');
  const decided = submission.status !== 'pending';

  return (
    <Stack gap="lg" data-testid="submission-detail" data-submission-state={submission.status}>
      <div>
        <Title order={2} fz="h3" data-testid="submission-name">
          {name}
        </Title>
        <Text fz="sm" c="dimmed">
          {fullKana(submission.registrant)}
        </Text>
      </div>
      <dl className="mnv-review-facts">
        <dt>{t('reviewPage.detail.employeeCode')}</dt>
        <dd>{submission.registrant.employeeCode ?? notSet}</dd>
        <dt>{t('reviewPage.detail.registrantStatus')}</dt>
        <dd>
          <RegistrantStatusBadge status={submission.registrantStatus} />
        </dd>
        <dt>{t('reviewPage.detail.status')}</dt>
        <dd>
          <SubmissionStateBadge state={submission.status} />
        </dd>
        <dt>{t('reviewPage.detail.source')}</dt>
        <dd>{t(`reviewPage.sources.${submission.source}`)}</dd>
        <dt>{t('reviewPage.detail.enteredBy')}</dt>
        <dd data-testid="submission-entered-by">{enteredByLabel(submission, t('reviewPage.sources.registrant'), t('reviewPage.unknownActor'))}</dd>
        <dt>{t('reviewPage.detail.createdAt')}</dt>
        <dd>{format.dateTime(submission.createdAt)}</dd>
        {decided && (
          <>
            <dt>{t('reviewPage.detail.decidedBy')}</dt>
            <dd>{submission.decidedBy?.label ?? notSet}</dd>
            <dt>{t('reviewPage.detail.decidedAt')}</dt>
            <dd>{submission.decidedAt ? format.dateTime(submission.decidedAt) : notSet}</dd>
          </>
        )}
        {submission.reason !== null && (
          <>
            <dt>{t('reviewPage.detail.reason')}</dt>
            <dd data-testid="submission-reason">{submission.reason}</dd>
          </>
        )}
      </dl>

      <Stack gap={4}>
        <Title order={3} fz="md">
          {t('reviewPage.detail.ownNumber')}
        </Title>
        <Text fz="sm" data-testid="submission-own-number">
          {t(submission.hasMyNumber ? 'reviewPage.detail.numberIncluded' : 'reviewPage.detail.numberNotIncluded')}
        </Text>
        <Text fz="xs" c="dimmed">
          {t('reviewPage.detail.numbersHidden')}
        </Text>
      </Stack>

      {submission.numberHeldElsewhere && (
        <Alert color="red" variant="light" data-testid="number-held-elsewhere">
          {t('crossCheck.heldElsewhere')}
        </Alert>
      )}

      <Stack gap="xs" data-testid="submission-documents">
        <Title order={3} fz="md">
          {t('documents.title')}
        </Title>
        {submission.documentSet && (
          <Text fz="sm">
            {t('documents.documentSet')}：{t(`documents.sets.${submission.documentSet}`)}
          </Text>
        )}
        {submission.source === 'registrant' && (
          <Stack gap={4}>
            <Group gap="xs">
              <Text fz="sm" fw={500}>
                {t('documents.self')}
              </Text>
              <CrossCheckBadge verdict={submission.crossCheck} checkable={submission.hasMyNumber && submission.documentSet !== null} />
            </Group>
            {submission.dependents
              .filter((d) => d.documentSet !== null)
              .map((d) => (
                <Group gap="xs" key={d.position} data-testid="dependent-cross-check">
                  <Text fz="sm" fw={500}>
                    {t('documents.dependentOf', { name: fullName(d) })}
                  </Text>
                  <CrossCheckBadge verdict={d.crossCheck} checkable={d.hasMyNumber} />
                </Group>
              ))}
          </Stack>
        )}
        <Text fz="xs" c="dimmed">
          {t('documents.lead')}
        </Text>
        <DocumentGallery
          documents={submission.documents}
          whoOf={(subject) => (subject === 'self' ? t('documents.self') : t('documents.dependentOf', { name: subject.name }))}
          onDialogChange={onChildOpen}
        />
      </Stack>

      <Stack gap="xs">
        <Title order={3} fz="md">
          {t('reviewPage.detail.dependentsTitle')}
        </Title>
        <SubmittedDependents dependents={submission.dependents} current={current.data?.rows} />
      </Stack>

      <SubmissionDecision submission={submission} name={name} onChildOpen={onChildOpen} onDecided={onDecided} />
    </Stack>
  );
}
