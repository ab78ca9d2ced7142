// The reminder (リマインダー): a code is sent to the registered address; with it the user
// sets a new password. The first step always "succeeds", so it never tells whether a login
// ID exists.
import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { call } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { OtpInput } from '../components/OtpInput';
import { useAction } from '../components/useAction';
import { contractResolver } from '../forms/contract-form';
import { useSharedText } from '../messages';
import { NewPasswordFields, newPasswordRules, type NewPasswordValues } from './NewPasswordFields';

/** What the reset form checks against the contract: the code and the new password. */
const resetFields = contract['auth.completeReset'].input.pick({ code: true, newPassword: true });
type ResetValues = NewPasswordValues & { code: string };

interface Props {
  onDone: () => void;
  onCancel: () => void;
}

function RequestStep({ onRequested }: { onRequested: (loginId: string, challengeId: string) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const form = useForm({ initialValues: { loginId: '' }, validate: contractResolver(contract['auth.requestReset'].input) });

  const submit = form.onSubmit(({ loginId }) =>
    action.run(async () => {
      const { challengeId } = await call('auth.requestReset', { loginId: loginId.trim() });
      onRequested(loginId.trim(), challengeId);
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('forgot.lead')}</Text>
        <ErrorAlert message={action.error} />
        <TextInput label={t('forgot.loginId')} autoComplete="username" required autoFocus {...form.getInputProps('loginId')} />
        <Button type="submit" loading={action.busy}>
          {t('forgot.send')}
        </Button>
      </Stack>
    </form>
  );
}

function ResetStep({ loginId, challengeId, onDone }: { loginId: string; challengeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const text = useSharedText();
  const action = useAction();
  const form = useForm<ResetValues>({
    mode: 'controlled',
    initialValues: { code: '', newPassword: '', newPasswordConfirm: '' },
    validate: contractResolver<ResetValues>(resetFields, ...newPasswordRules<ResetValues>(text, { loginId })),
  });

  const submit = form.onSubmit(({ code, newPassword }) =>
    action.run(
      async () => {
        await call('auth.completeReset', { challengeId, code: code.trim(), newPassword });
        onDone();
      },
      { onError: () => form.setFieldValue('code', '') },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('forgot.sentLead')}</Text>
        <ErrorAlert message={action.error} />
        <OtpInput label={t('forgot.code')} autoFocus {...form.getInputProps('code')} />
        <NewPasswordFields form={form} owner={{ loginId }} label={t('forgot.newPassword')} confirmLabel={t('forgot.newPasswordConfirm')} />
        <Button type="submit" loading={action.busy}>
          {t('forgot.submit')}
        </Button>
      </Stack>
    </form>
  );
}

export function ForgotPasswordPage({ onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [request, setRequest] = useState<{ loginId: string; challengeId: string } | null>(null);
  return (
    <AuthLayout>
      <Stack gap="lg">
        <Title order={1} fz="h2">
          {t('forgot.title')}
        </Title>
        {request ? (
          <ResetStep loginId={request.loginId} challengeId={request.challengeId} onDone={onDone} />
        ) : (
          <RequestStep onRequested={(loginId, challengeId) => setRequest({ loginId, challengeId })} />
        )}
        <Group justify="center">
          <Anchor component="button" type="button" fz="sm" onClick={onCancel}>
            {t('forgot.backToLogin')}
          </Anchor>
        </Group>
      </Stack>
    </AuthLayout>
  );
}
