// Asks why before a status change or an unlock of a completed record. The reason is checked
// with the contract's own field (no My Number in it, at most 500 characters); a move the status
// table marks as needing a reason cannot be sent without one. `onSubmit` makes the call and
// resolves to true once done, false when cancelled (the password re-entry) or refused.
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { reasonText } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import type { Action } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { contractResolver } from '../forms/contract-form';

interface Props {
  title: string;
  lead: string;
  reasonLabel: string;
  reasonHint: string;
  /** Whether the reason may be left blank. */
  reasonRequired: boolean;
  submitLabel: string;
  action: Action;
  reauth: Reauth;
  onClose: () => void;
  /** The trimmed reason, or undefined when none was given. */
  onSubmit: (reason: string | undefined) => void;
}

type Values = { reason: string };

export function StatusReasonDialog({ title, lead, reasonLabel, reasonHint, reasonRequired, submitLabel, action, reauth, onClose, onSubmit }: Props) {
  // A blank reason reads as 理由を入力してください where one is required, and passes where not.
  const schema = z.object({ reason: reasonRequired ? reasonText : z.union([z.string().trim().length(0), reasonText]) });
  const form = useForm<Values>({ initialValues: { reason: '' }, validate: contractResolver<Values>(schema) });

  const submit = form.onSubmit(({ reason }) => onSubmit(reason.trim() === '' ? undefined : reason.trim()));

  return (
    <Modal opened onClose={onClose} title={title} size="md" lockScroll={false} centered {...reauth.modalProps}>
      <form onSubmit={submit} noValidate data-testid="status-reason-form">
        <Stack gap="md">
          <Text fz="sm">{lead}</Text>
          <ErrorAlert message={action.error} />
          <Textarea
            label={reasonLabel}
            description={reasonHint}
            required={reasonRequired}
            autosize
            minRows={2}
            maxRows={5}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <FormActions submitLabel={submitLabel} busy={action.busy} onCancel={onClose} mt="xs" />
        </Stack>
      </form>
    </Modal>
  );
}
