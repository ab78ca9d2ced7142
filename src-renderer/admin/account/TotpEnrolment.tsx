// Enrolling an authenticator app from the account page: the QR code and key from
// account.beginTotpEnrolment, then a code from the app to confirm it.
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelOutput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { OtpInput } from '../components/OtpInput';
import { TotpSecretDisplay } from '../components/TotpSecretDisplay';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';

const codeOnly = contract['account.confirmTotpEnrolment'].input.pick({ code: true });

interface Props {
  enrolment: ChannelOutput<'account.beginTotpEnrolment'>;
  reauth: Reauth;
  onDone: () => void;
  onCancel: () => void;
}

export function TotpEnrolment({ enrolment, reauth, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const confirm = useVaultMutation('account.confirmTotpEnrolment', { invalidates: ['auth', 'users'] });
  const form = useForm({ initialValues: { code: '' }, validate: contractResolver(codeOnly) });

  const submit = form.onSubmit(({ code }) =>
    action.run(
      async () => {
        const done = await reauth.run(() => confirm.send({ enrolmentId: enrolment.enrolmentId, code: code.trim() }));
        if (done) onDone();
      },
      { onError: () => form.setFieldValue('code', '') },
    ),
  );

  return (
    <Paper withBorder radius="md" p="lg" bg="gray.0" data-testid="totp-enrolment">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420} mx="auto">
          <Title order={3} fz="h5">
            {t('accountPage.factor.enrolTitle')}
          </Title>
          <Text fz="sm">{t('accountPage.factor.enrolLead')}</Text>
          <TotpSecretDisplay
            secret={enrolment.secret}
            otpauthUrl={enrolment.otpauthUrl}
            qrAlt={t('accountPage.factor.qrAlt')}
            manualLabel={t('accountPage.factor.manualLabel')}
          />
          <ErrorAlert message={action.error} />
          <OtpInput label={t('accountPage.factor.code')} {...form.getInputProps('code')} />
          <FormActions submitLabel={t('accountPage.factor.confirm')} busy={action.busy} onCancel={onCancel} />
        </Stack>
      </form>
    </Paper>
  );
}
