// 差戻し or 拒否 of a submission: both need a reason, checked with the contract's own field
// (a reason must not hold a My Number). The reason is kept with the submission and its
// registrant's history.
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';

export type ReasonOutcome = 'return' | 'decline';

interface Props {
  outcome: ReasonOutcome;
  submissionId: string;
  /** The registrant's name, as the dialog names them. */
  name: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

type Values = { reason: string };
const reasonOnly = contract['submissions.return'].input.pick({ reason: true });

export function ReasonDialog({ outcome, submissionId, name, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const keys = outcome === 'return' ? 'returnDialog' : 'declineDialog';
  // The registrant's status moves with the submission; the trail gains an entry.
  const decide = useVaultMutation(outcome === 'return' ? 'submissions.return' : 'submissions.decline', {
    invalidates: ['submissions', 'registrants', 'audit'],
  });
  const form = useForm<Values>({ initialValues: { reason: '' }, validate: contractResolver<Values>(reasonOnly) });

  const submit = form.onSubmit((values) =>
    action.run(async () => {
      await decide.send({ id: submissionId, reason: reasonOnly.parse(values).reason });
      onDone(t(`reviewPage.${keys}.done`, { name }));
    }),
  );

  return (
    <Modal opened onClose={onClose} title={t(`reviewPage.${keys}.title`)} size="md" lockScroll={false} centered>
      <form onSubmit={submit} noValidate data-testid={`${outcome}-form`}>
        <Stack gap="md">
          <Text fz="sm">{t(`reviewPage.${keys}.lead`, { name })}</Text>
          <ErrorAlert message={action.error} />
          <Textarea
            label={t(`reviewPage.${keys}.reason`)}
            description={t(`reviewPage.${keys}.reasonHint`)}
            autosize
            minRows={3}
            maxRows={8}
            required
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <FormActions submitLabel={t(`reviewPage.${keys}.submit`)} busy={action.busy} onCancel={onClose} mt="xs" />
        </Stack>
      </form>
    </Modal>
  );
}
