// First run: register the first administrator, enrol the authenticator app, and hand over
// the recovery code. The TOTP secret and the recovery code live only in this component's
// state and are gone once setup finishes.
import { Stack, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { AuthLayout } from '../components/AuthLayout';
import { AccountStep } from './AccountStep';
import { RecoveryStep } from './RecoveryStep';
import { TotpStep } from './TotpStep';

export type Enrolment = ChannelOutput<'setup.createAdmin'>;

export function SetupPage({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);

  return (
    <AuthLayout width={640}>
      <Stack gap="lg">
        <div>
          <Title order={1} fz="h2">
            {t('setup.title')}
          </Title>
          <Text c="dimmed" mt={4}>
            {t('setup.lead')}
          </Text>
        </div>
        <Stepper active={step} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label={t('setup.steps.account')}>
            <AccountStep
              onCreated={(value) => {
                setEnrolment(value);
                setStep(1);
              }}
            />
          </Stepper.Step>
          <Stepper.Step label={t('setup.steps.totp')}>
            {enrolment && <TotpStep secret={enrolment.totp.secret} otpauthUrl={enrolment.totp.otpauthUrl} onConfirmed={() => setStep(2)} />}
          </Stepper.Step>
          <Stepper.Step label={t('setup.steps.recovery')}>
            {enrolment && (
              <RecoveryStep
                recoveryCode={enrolment.recoveryCode}
                onDone={() => {
                  setEnrolment(null);
                  onDone();
                }}
              />
            )}
          </Stepper.Step>
        </Stepper>
      </Stack>
    </AuthLayout>
  );
}
