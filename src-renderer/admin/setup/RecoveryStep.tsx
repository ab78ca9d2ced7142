import { Alert, Button, Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function RecoveryStep({ recoveryCode, onDone }: { recoveryCode: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [acknowledged, setAcknowledged] = useState(false);
  return (
    <Stack gap="md" mt="md">
      <Title order={2} fz="h4">
        {t('setup.recovery.title')}
      </Title>
      <Text>{t('setup.recovery.lead')}</Text>
      <Paper withBorder p="md" bg="gray.0">
        <Text fz="sm" c="dimmed" ta="center" id="mnv-recovery-label">
          {t('setup.recovery.codeLabel')}
        </Text>
        <Text className="mnv-recovery-code" aria-labelledby="mnv-recovery-label" data-testid="recovery-code">
          {recoveryCode}
        </Text>
      </Paper>
      <Alert color="orange" variant="light" title={t('setup.recovery.warningTitle')} icon={<IconAlertTriangle size={18} />}>
        {t('setup.recovery.warning')}
      </Alert>
      <Checkbox
        label={t('setup.recovery.ack')}
        checked={acknowledged}
        onChange={(event) => setAcknowledged(event.currentTarget.checked)}
      />
      <Button disabled={!acknowledged} onClick={onDone}>
        {t('setup.recovery.submit')}
      </Button>
    </Stack>
  );
}
