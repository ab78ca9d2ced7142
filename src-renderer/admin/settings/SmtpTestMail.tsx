// 「テストメール送信」: sends a mail through the saved SMTP settings and shows the server's answer.
import { Alert, Button, Code, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelOutput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';

export function SmtpTestMail() {
  const { t } = useTranslation();
  const action = useAction();
  const testSmtp = useVaultMutation('settings.testSmtp');
  const [result, setResult] = useState<ChannelOutput<'settings.testSmtp'> | null>(null);
  const form = useForm({ initialValues: { to: '' }, validate: contractResolver(contract['settings.testSmtp'].input) });

  const submit = form.onSubmit(({ to }) => {
    setResult(null);
    return action.run(async () => setResult(await testSmtp.send({ to: to.trim() })));
  });

  return (
    <Stack gap="sm">
      <Divider label={t('settingsPage.smtp.testTitle')} labelPosition="left" />
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('settingsPage.smtp.testTo')} type="email" flex={1} maw={360} {...form.getInputProps('to')} />
          <Button type="submit" variant="default" loading={action.busy}>
            {t('settingsPage.smtp.testSend')}
          </Button>
        </Group>
      </form>
      <ErrorAlert message={action.error} />
      {result && (
        <Alert color={result.ok ? 'teal' : 'red'} variant="light" role="status" data-testid="smtp-test-result" data-ok={result.ok}>
          <Text fz="sm">{t(result.ok ? 'settingsPage.smtp.testOk' : 'settingsPage.smtp.testFailed')}</Text>
          <Code block mt={6}>
            {result.response}
          </Code>
        </Alert>
      )}
    </Stack>
  );
}
