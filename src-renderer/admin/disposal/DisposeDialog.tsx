// The disposal dialog (物理削除): what goes (the numbers and ID images only, or the whole
// record), the reason, and a plain statement that it cannot be undone, acknowledged by a tick
// before the red button works. The call asks for the password again (useReauth) when the
// 5-minute window is closed. Used from the due list and from the registrant's drawer.
import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisposalScope, DisposalSubjectInput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { useReauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';

export interface DisposalTarget {
  subjects: DisposalSubjectInput[];
  /** Names as shown to the user (never sent). */
  names: string[];
}

interface Props {
  target: DisposalTarget | null;
  onClose: () => void;
  onDone: (result: { disposed: number; batchId: string; scope: DisposalScope }) => void;
}

const SHOWN_NAMES = 5;

export function DisposeDialog({ target, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const reauth = useReauth();
  const action = useAction();
  const dispose = useVaultMutation('disposal.dispose', { invalidates: ['disposal', 'registrants', 'dependents', 'documents', 'audit'] });
  const [scope, setScope] = useState<DisposalScope>('numbers_and_documents');
  const [reason, setReason] = useState('');
  const [understood, setUnderstood] = useState(false);

  const reset = () => {
    setScope('numbers_and_documents');
    setReason('');
    setUnderstood(false);
    action.setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const confirm = () =>
    action.run(async () => {
      if (!target) return;
      const result = await reauth.run(() => dispose.send({ subjects: target.subjects, scope, reason }));
      if (!result) return;
      reset();
      onDone({ ...result, scope });
    });

  const names = target?.names ?? [];
  const shown = names.slice(0, SHOWN_NAMES).join('、');
  return (
    <>
      <Modal opened={target !== null} onClose={close} title={t('disposalPage.dialog.title')} size="lg" centered lockScroll={false} {...reauth.modalProps}>
        <Stack gap="md" data-testid="dispose-dialog">
          <Text fz="sm" fw={600}>
            {names.length > SHOWN_NAMES ? t('disposalPage.dialog.subjectsMore', { names: shown, more: names.length - SHOWN_NAMES }) : t('disposalPage.dialog.subjects', { names: shown })}
          </Text>
          <Radio.Group label={t('disposalPage.dialog.scope')} value={scope} onChange={(v) => setScope(v as DisposalScope)}>
            <Stack gap="xs" mt="xs">
              <Radio value="numbers_and_documents" label={t('disposalPage.dialog.scopeNumbers')} description={t('disposalPage.dialog.scopeNumbersHint')} />
              <Radio value="whole_record" label={t('disposalPage.dialog.scopeWhole')} description={t('disposalPage.dialog.scopeWholeHint')} />
            </Stack>
          </Radio.Group>
          <Textarea label={t('disposalPage.dialog.reason')} description={t('disposalPage.dialog.reasonHint')} required autosize minRows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} aria-hidden />} title={t('disposalPage.dialog.irreversibleTitle')} role="alert">
            <Stack gap={4}>
              <Text fz="sm">{t('disposalPage.dialog.irreversible')}</Text>
              <Text fz="sm">{t('disposalPage.dialog.backups')}</Text>
            </Stack>
          </Alert>
          <Checkbox label={t('disposalPage.dialog.understand')} checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
          <ErrorAlert message={action.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('adminCommon.cancel')}
            </Button>
            <Button color="red" disabled={!understood || reason.trim() === ''} loading={action.busy} onClick={() => void confirm()}>
              {t('disposalPage.dialog.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {reauth.dialog}
    </>
  );
}
