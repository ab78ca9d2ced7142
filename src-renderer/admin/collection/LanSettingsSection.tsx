// 受付の設定 (admins): on/off, the address to listen on (this machine's LAN addresses, or
// 0.0.0.0), the port, the allowed client ranges; lan.configure after the password is entered
// again. A port already taken comes back as the core's message (errors.lan.portInUse).
import { Alert, Button, Group, NumberInput, Select, Stack, Switch, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelInput, type LanStatus } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { SettingsSection } from '../settings/SettingsSection';
import { schemaErrors } from './schema-errors';

const ALL_INTERFACES = '0.0.0.0';
/** Not a LAN address (phones cannot reach it), offered for trying the form on this machine. */
const LOOPBACK = '127.0.0.1';

type Values = { enabled: boolean; host: string; port: number | string; allowedCidrs: string };

function toInput(values: Values): ChannelInput<'lan.configure'> {
  const allowedCidrs = values.allowedCidrs
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean);
  return { enabled: values.enabled, host: values.host, port: values.port === '' ? Number.NaN : Number(values.port), allowedCidrs };
}

export function LanSettingsSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const status = useVaultQuery('lan.status', {});
  const settings = useVaultQuery('collection.getSettings', {});
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <SettingsSection title={t('collectionPage.lanForm.title')} lead={t('collectionPage.lanForm.lead')} testId="lan-settings">
      <Notice message={notice} onClose={() => setNotice(null)} />
      {settings.data && !settings.data.passcodeSet && (
        <Alert role="note" color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="passcode-first">
          {t('collectionPage.lanForm.passcodeFirst')}
        </Alert>
      )}
      {status.data && (
        <LanForm
          key={status.dataUpdatedAt}
          status={status.data}
          reauth={reauth}
          onSubmitting={() => setNotice(null)}
          onSaved={() => setNotice(t('collectionPage.lanForm.saved'))}
        />
      )}
    </SettingsSection>
  );
}

interface FormProps {
  status: LanStatus;
  reauth: Reauth;
  onSubmitting: () => void;
  onSaved: () => void;
}

function LanForm({ status, reauth, onSubmitting, onSaved }: FormProps) {
  const { t } = useTranslation();
  const action = useAction();
  const configure = useVaultMutation('lan.configure', { invalidates: ['lan'] });
  const { config, addresses } = status;
  const form = useForm<Values>({
    initialValues: { enabled: config.enabled, host: config.host, port: config.port, allowedCidrs: config.allowedCidrs.join('\n') },
    validate: (values) => schemaErrors(contract['lan.configure'].input, toInput(values)),
  });

  const hosts = [...new Set([...addresses, config.host].filter((a) => a !== ALL_INTERFACES && a !== LOOPBACK))];
  const hostOptions = [
    ...hosts.map((a) => ({ value: a, label: a })),
    { value: ALL_INTERFACES, label: t('collectionPage.lanForm.hostAll') },
    { value: LOOPBACK, label: t('collectionPage.lanForm.hostLoopback') },
  ];

  const submit = form.onSubmit((values) => {
    onSubmitting();
    return action.run(async () => {
      const done = await reauth.run(() => configure.send(toInput(values)));
      if (done) onSaved();
    });
  });

  return (
    <>
      <ErrorAlert message={action.error} />
      <form onSubmit={submit} noValidate data-mnv-transient={form.isDirty() ? undefined : true}>
        <Stack gap="md">
          <Switch label={t('collectionPage.lanForm.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <Group align="flex-end" gap="md" wrap="nowrap">
            <Select
              label={t('collectionPage.lanForm.host')}
              description={t('collectionPage.lanForm.hostHint')}
              data={hostOptions}
              allowDeselect={false}
              required
              flex={1}
              {...form.getInputProps('host')}
            />
            <NumberInput
              label={t('collectionPage.lanForm.port')}
              min={1}
              max={65535}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              required
              w={140}
              {...form.getInputProps('port')}
            />
          </Group>
          <Textarea
            label={t('collectionPage.lanForm.cidrs')}
            description={t('collectionPage.lanForm.cidrsHint')}
            autosize
            minRows={2}
            maxRows={8}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('allowedCidrs')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={action.busy}>
              {t('adminCommon.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
