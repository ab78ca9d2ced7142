// The second factor: a code from the authenticator app (enrolling it first when the user
// has none yet), or a code sent by e-mail (with a throttled re-send).
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { OtpInput } from '../components/OtpInput';
import { TotpSecretDisplay } from '../components/TotpSecretDisplay';
import { useAction } from '../components/useAction';
import { createValidators } from '../validation';
import type { LoginChallenge } from './PasswordStep';

/** Signed in: auth.verify's answer once no enrolment is left to do. */
export type Verified = Extract<ChannelOutput<'auth.verify'>, { user: unknown }>;

interface Props {
  challenge: LoginChallenge;
  onVerified: (verified: Verified) => void;
  onStartOver: () => void;
  startOverLabel?: string;
}

function Lead({ challenge, sentTo }: { challenge: LoginChallenge; sentTo: string }) {
  const { t } = useTranslation();
  if (challenge.enrolment) {
    return (
      <>
        <Text>{t('login.enrolLead')}</Text>
        <TotpSecretDisplay
          secret={challenge.enrolment.secret}
          otpauthUrl={challenge.enrolment.otpauthUrl}
          qrAlt={t('login.enrolQrAlt')}
          manualLabel={t('login.enrolManual')}
        />
      </>
    );
  }
  return <Text>{challenge.factor === 'email' ? t('login.codeLeadEmail', { sentTo }) : t('login.codeLeadTotp')}</Text>;
}

export function CodeStep({ challenge: initial, onVerified, onStartOver, startOverLabel }: Props) {
  const { t } = useTranslation();
  // An existing account that must enrol an authenticator passes its e-mail code first; the
  // core then hands out the secret and the same challenge continues with a code from the app.
  const [challenge, setChallenge] = useState(initial);
  const v = createValidators(t);
  const verify = useAction();
  // Its own progress, one error line with verify's: each clears the other's message.
  const resending = useAction();
  const [sentTo, setSentTo] = useState(challenge.sentTo ?? '');
  const [resent, setResent] = useState(false);
  const form = useForm({ initialValues: { code: '' }, validate: { code: v.otp } });

  const submit = form.onSubmit(({ code }) => {
    resending.setError(null);
    return verify.run(
      async () => {
        const result = await unwrap(window.vault.auth.verify({ challengeId: challenge.challengeId, code: code.trim() }));
        if ('enrolment' in result) {
          form.setFieldValue('code', '');
          setChallenge({ ...challenge, factor: 'totp', enrolment: result.enrolment });
          return;
        }
        onVerified(result);
      },
      { onError: () => form.setFieldValue('code', '') },
    );
  });

  const resend = () => {
    verify.setError(null);
    setResent(false);
    return resending.run(async () => {
      const value = await unwrap(window.vault.auth.resendCode({ challengeId: challenge.challengeId }));
      setSentTo(value.sentTo);
      setResent(true);
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Lead challenge={challenge} sentTo={sentTo} />
        {resent && (
          <Alert variant="light" role="status">
            {t('login.resent', { sentTo })}
          </Alert>
        )}
        <ErrorAlert message={verify.error ?? resending.error} />
        <OtpInput label={challenge.enrolment ? t('login.enrolCode') : t('login.code')} autoFocus={!challenge.enrolment} {...form.getInputProps('code')} />
        <Button type="submit" loading={verify.busy}>
          {challenge.enrolment ? t('login.enrolSubmit') : t('login.verify')}
        </Button>
        {challenge.factor === 'email' && (
          <Button variant="light" loading={resending.busy} onClick={() => void resend()}>
            {t('login.resend')}
          </Button>
        )}
        <Button variant="subtle" color="gray" onClick={onStartOver}>
          {startOverLabel ?? t('login.startOver')}
        </Button>
      </Stack>
    </form>
  );
}
