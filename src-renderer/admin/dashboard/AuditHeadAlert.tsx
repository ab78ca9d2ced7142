// Shown on the dashboard to everyone when the database no longer reaches the audit chain's
// head kept outside it (audit.status): an older copy put in place, say. It names the problem
// and says who should run the full chain check on the audit page.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAuditLabels, type AuditChainProblem } from '../audit/labels';
import { useSession } from '../session/session';

interface Props {
  problem: AuditChainProblem | null;
  onOpenAudit: () => void;
}

export function AuditHeadAlert({ problem, onOpenAudit }: Props) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const { can } = useSession();
  const mayCheck = can('audit.verify');
  return (
    <Alert
      role="alert"
      color="red"
      variant="filled"
      title={t('dashboard.auditHead.title')}
      icon={<IconAlertOctagon size={22} aria-hidden />}
      data-testid="audit-head-alert"
      data-problem={problem ?? undefined}
    >
      <Stack gap="xs">
        {problem && <Text fz="sm">{labels.chainProblems[problem](null)}</Text>}
        <Text fz="sm" fw={600}>
          {t(mayCheck ? 'dashboard.auditHead.runCheck' : 'dashboard.auditHead.askAdmin')}
        </Text>
        {mayCheck && (
          <Group>
            <Button variant="white" color="red" size="xs" onClick={onOpenAudit}>
              {t('dashboard.auditHead.openAudit')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
