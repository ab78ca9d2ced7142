// The second factor: a code from the authenticator app (enrolling it first when the user
// has none yet), or a code sent by e-mail (with a throttled re-send). An existing account
// that must enrol an authenticator passes its e-mail code first; the core then hands out the
// secret and the same challenge continues with a code from the app (onEnrolment).
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/contract';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { OtpInput } from '../components/OtpInput';
import { TotpSecretDisplay } from '../components/TotpSecretDisplay';
import { useAction } from '../components/useAction';
import { contractResolver } from '../forms/contract-form';
import type { LoginChallenge } from './PasswordStep';

const codeOnly = contract['auth.verify'].input.pick({ code: true });

interface Props {
  challenge: LoginChallenge;
  /** Signed in (the core's session now holds the user). */
  onVerified: () => void;
  /** The e-mail code was right and an authenticator must be enrolled on the same challenge. */
  onEnrolment: (next: LoginChallenge) => void;
  onStartOver: () => void;
  startOverLabel?: string;
}

function Lead({ challenge, sentTo }: { challenge: LoginChallenge; sentTo: string }) {
  const { t } = useTranslation();
  if (challenge.enrolment) {
    return (
      <>
        <Text>{t(challenge.enrolAfterEmailCode ? 'login.enrolAfterEmailLead' : 'login.enrolLead')}</Text>
        <TotpSecretDisplay
          secret={challenge.enrolment.secret}
          otpauthUrl={challenge.enrolment.otpauthUrl}
          qrAlt={t('login.enrolQrAlt')}
          manualLabel={t('login.enrolManual')}
        />
      </>
    );
  }
  if (challenge.factor === 'email') return <Text>{t(challenge.enrolmentFollows ? 'login.codeLeadEmailThenEnrol' : 'login.codeLeadEmail', { sentTo })}</Text>;
  return <Text>{t('login.codeLeadTotp')}</Text>;
}

export function CodeStep({ challenge, onVerified, onEnrolment, onStartOver, startOverLabel }: Props) {
  const { t } = useTranslation();
  const verify = useAction();
  // Its own progress, one error line with verify's: each clears the other's message.
  const resending = useAction();
  const [sentTo, setSentTo] = useState(challenge.sentTo ?? '');
  const [resent, setResent] = useState(false);
  const form = useForm({ initialValues: { code: '' }, validate: contractResolver(codeOnly) });

  const submit = form.onSubmit(({ code }) => {
    resending.setError(null);
    return verify.run(
      async () => {
        const result = await call('auth.verify', { challengeId: challenge.challengeId, code: code.trim() });
        if ('enrolment' in result) {
          onEnrolment({ ...challenge, factor: 'totp', enrolment: result.enrolment, enrolAfterEmailCode: true });
          return;
        }
        onVerified();
      },
      { onError: () => form.setFieldValue('code', '') },
    );
  });

  const resend = () => {
    verify.setError(null);
    setResent(false);
    return resending.run(async () => {
      const value = await call('auth.resendCode', { challengeId: challenge.challengeId });
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
