import { Button, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { OtpInput } from '../components/OtpInput';
import { TotpSecretDisplay } from '../components/TotpSecretDisplay';
import { useAction } from '../components/useAction';
import { contractResolver } from '../forms/contract-form';

interface Props {
  secret: string;
  otpauthUrl: string;
  onConfirmed: () => void;
}

export function TotpStep({ secret, otpauthUrl, onConfirmed }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const form = useForm({ initialValues: { code: '' }, validate: contractResolver(contract['setup.confirmTotp'].input) });

  // Confirmed by the core: until then the administrator's first login enrols the
  // authenticator again, so an interrupted setup cannot lock the administrator out.
  const submit = form.onSubmit(({ code }) =>
    action.run(
      async () => {
        await call('setup.confirmTotp', { code: code.trim() });
        onConfirmed();
      },
      { onError: () => form.setFieldValue('code', '') },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" mt="md">
        <Title order={2} fz="h4">
          {t('setup.totp.title')}
        </Title>
        <Text>{t('setup.totp.lead')}</Text>
        <TotpSecretDisplay secret={secret} otpauthUrl={otpauthUrl} qrAlt={t('setup.totp.qrAlt')} manualLabel={t('setup.totp.manualLabel')} />
        <ErrorAlert message={action.error} />
        <OtpInput label={t('setup.totp.codeLabel')} description={t('setup.totp.codeDescription')} {...form.getInputProps('code')} />
        <Button type="submit" loading={action.busy}>
          {t('setup.totp.submit')}
        </Button>
      </Stack>
    </form>
  );
}
