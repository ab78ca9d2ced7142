// One's own second factor: shows the current one, then enrol (or re-enrol) an authenticator
// app by QR code, or switch to codes by e-mail (refused when the admin requires the app: the
// core's message is shown).
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDeviceMobile, IconMail, type Icon } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { SettingsSection } from '../settings/SettingsSection';
import { TotpEnrolment } from './TotpEnrolment';

type Account = NonNullable<ChannelOutput<'auth.me'>['account']>;

interface Props {
  reauth: Reauth;
  /** null while unknown. */
  account: Account | null;
}

function CurrentFactor({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-testid="current-factor">
      <Text fz="sm" c="dimmed">
        {t('accountPage.factor.current')}
      </Text>
      <Text fz="sm" fw={600}>
        {t(`factors.${account.secondFactor}`)}
      </Text>
      {account.secondFactor === 'totp' && (
        <Badge color={account.totpEnrolled ? 'teal' : 'gray'} variant={account.totpEnrolled ? 'light' : 'outline'} size="sm" tt="none" fw={500}>
          {account.totpEnrolled ? t('accountPage.factor.enrolled') : t('factors.notEnrolled')}
        </Badge>
      )}
    </Group>
  );
}

function FactorCard({ icon: CardIcon, title, body, children }: { icon: Icon; title: string; body: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm" h="100%" justify="space-between">
        <Stack gap={6}>
          <Group gap={6} wrap="nowrap">
            <CardIcon size={18} aria-hidden />
            <Text fw={600}>{title}</Text>
          </Group>
          <Text fz="sm" c="dimmed">
            {body}
          </Text>
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

export function FactorSection({ reauth, account }: Props) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<ChannelOutput<'account.beginTotpEnrolment'> | null>(null);
  const [confirmEmail, setConfirmEmail] = useState(false);
  const begin = useAction();
  // The confirm dialog shows its own progress: only the error is used.
  const emailSwitch = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  // auth.me holds the account's factor; the users list shows it too.
  const emailFactor = useVaultMutation('account.useEmailFactor', { invalidates: ['auth', 'users'] });
  const beginEnrolment = useVaultMutation('account.beginTotpEnrolment');

  const beginTotp = () => {
    setNotice(null);
    return begin.run(async () => {
      // The new secret is kept in this component's state only, until enrolled or cancelled.
      const started = await reauth.run(() => beginEnrolment.send({}));
      if (started) setEnrolment(started);
    });
  };

  const switchToEmail = async () => {
    await emailSwitch.run(async () => {
      const done = await reauth.run(() => emailFactor.send({}));
      if (!done) return;
      setConfirmEmail(false);
      setEnrolment(null);
      setNotice(t('accountPage.factor.emailDone'));
    });
  };

  return (
    <SettingsSection title={t('accountPage.factor.title')} lead={t('accountPage.factor.lead')} testId="account-factor">
      {account && <CurrentFactor account={account} />}
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={begin.error} />
      {enrolment ? (
        <TotpEnrolment
          enrolment={enrolment}
          reauth={reauth}
          onCancel={() => setEnrolment(null)}
          onDone={() => {
            setEnrolment(null);
            setNotice(t('accountPage.factor.totpDone'));
          }}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FactorCard icon={IconDeviceMobile} title={t('accountPage.factor.totpTitle')} body={t('accountPage.factor.totpBody')}>
            <Button variant="light" loading={begin.busy} onClick={() => void beginTotp()}>
              {t('accountPage.factor.totpStart')}
            </Button>
          </FactorCard>
          <FactorCard icon={IconMail} title={t('accountPage.factor.emailTitle')} body={t('accountPage.factor.emailBody')}>
            <Button variant="default" onClick={() => setConfirmEmail(true)}>
              {t('accountPage.factor.emailStart')}
            </Button>
          </FactorCard>
        </SimpleGrid>
      )}
      <ConfirmDialog
        opened={confirmEmail}
        title={t('accountPage.factor.emailConfirmTitle')}
        confirmLabel={t('accountPage.factor.emailStart')}
        error={emailSwitch.error}
        modalProps={reauth.modalProps}
        onConfirm={switchToEmail}
        onClose={() => {
          setConfirmEmail(false);
          emailSwitch.setError(null);
        }}
      >
        {t('accountPage.factor.emailConfirmBody')}
      </ConfirmDialog>
    </SettingsSection>
  );
}
