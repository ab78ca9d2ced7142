// One's own second factor: enrol (or re-enrol) an authenticator app by QR code, or switch to
// codes by e-mail (refused when the admin requires the app: the core's message is shown).
import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDeviceMobile, IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { errorMessage } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import type { Reauth } from '../components/useReauth';
import { SettingsSection } from '../settings/SettingsSection';
import { TotpEnrolment } from './TotpEnrolment';

export function FactorSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<ChannelOutput<'account.beginTotpEnrolment'> | null>(null);
  const [confirmEmail, setConfirmEmail] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const beginTotp = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const started = await reauth.run(() => window.vault.account.beginTotpEnrolment({}));
      if (started) setEnrolment(started);
    } catch (err) {
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  };

  const switchToEmail = async () => {
    setEmailError(null);
    try {
      const done = await reauth.run(() => window.vault.account.useEmailFactor({}));
      if (!done) return;
      setConfirmEmail(false);
      setEnrolment(null);
      setNotice(t('accountPage.factor.emailDone'));
    } catch (err) {
      setEmailError(errorMessage(err, t('common.unexpectedError')));
    }
  };

  return (
    <SettingsSection title={t('accountPage.factor.title')} lead={t('accountPage.factor.lead')} testId="account-factor">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={error} />
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
          <Card withBorder radius="md" padding="md">
            <Stack gap="sm" h="100%" justify="space-between">
              <Stack gap={6}>
                <Group gap={6} wrap="nowrap">
                  <IconDeviceMobile size={18} aria-hidden />
                  <Text fw={600}>{t('accountPage.factor.totpTitle')}</Text>
                </Group>
                <Text fz="sm" c="dimmed">
                  {t('accountPage.factor.totpBody')}
                </Text>
              </Stack>
              <Button variant="light" loading={busy} onClick={() => void beginTotp()}>
                {t('accountPage.factor.totpStart')}
              </Button>
            </Stack>
          </Card>
          <Card withBorder radius="md" padding="md">
            <Stack gap="sm" h="100%" justify="space-between">
              <Stack gap={6}>
                <Group gap={6} wrap="nowrap">
                  <IconMail size={18} aria-hidden />
                  <Text fw={600}>{t('accountPage.factor.emailTitle')}</Text>
                </Group>
                <Text fz="sm" c="dimmed">
                  {t('accountPage.factor.emailBody')}
                </Text>
              </Stack>
              <Button variant="default" onClick={() => setConfirmEmail(true)}>
                {t('accountPage.factor.emailStart')}
              </Button>
            </Stack>
          </Card>
        </SimpleGrid>
      )}
      <ConfirmDialog
        opened={confirmEmail}
        title={t('accountPage.factor.emailConfirmTitle')}
        confirmLabel={t('accountPage.factor.emailStart')}
        error={emailError}
        modalProps={reauth.modalProps}
        onConfirm={switchToEmail}
        onClose={() => {
          setConfirmEmail(false);
          setEmailError(null);
        }}
      >
        {t('accountPage.factor.emailConfirmBody')}
      </ConfirmDialog>
    </SettingsSection>
  );
}
