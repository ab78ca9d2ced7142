// 改ざんチェック: walks the whole audit chain and holds it against the head kept outside the
// database; the answer says plainly where the chain breaks. The check is itself recorded,
// so the list is read again afterwards (it invalidates 'audit').
import { Alert, Button, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { useAuditLabels } from './labels';

type Verification = ChannelOutput<'audit.verify'>;

/** The check's button and its answer, rendered apart (the button sits in the page header). */
export function useChainCheck() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const action = useAction();
  const verify = useVaultMutation('audit.verify', { invalidates: ['audit'] });
  const [result, setResult] = useState<Verification | null>(null);

  const run = async () => {
    setResult(null);
    const value = await action.run(() => verify.send({}));
    if (value) setResult(value);
  };

  const button = (
    <Button
      variant="default"
      leftSection={<IconShieldCheck size={18} />}
      loading={action.busy}
      onClick={() => void run()}
      title={t('auditPage.verify.hint')}
      className="mnv-audit-verify"
    >
      {t('auditPage.verify.button')}
    </Button>
  );

  let answer = <ErrorAlert message={action.error} />;
  if (result?.ok) answer = <Notice message={t('auditPage.verify.ok', { count: result.checked })} onClose={() => setResult(null)} />;
  else if (result) {
    const seq = result.firstBadSeq ?? result.checked + 1;
    // An entry inside the database is bad, or the database as a whole misses the outside head.
    const inTheDatabase = result.problem === undefined || result.problem === 'entry_altered' || result.problem === 'tail_cut';
    answer = (
      <Alert
        role="alert"
        color="red"
        variant="light"
        title={t('auditPage.verify.badTitle')}
        icon={<IconAlertTriangle size={18} aria-hidden />}
        data-testid="verify-failed"
        data-problem={result.problem}
      >
        {result.problem && (
          <Text fz="sm" fw={600}>
            {labels.chainProblems[result.problem](result.firstBadSeq ?? null)}
          </Text>
        )}
        <Text fz="sm">{inTheDatabase ? t('auditPage.verify.bad', { seq, count: result.checked }) : t('auditPage.verify.badHead', { count: result.checked })}</Text>
      </Alert>
    );
  }
  return { button, answer };
}
