// 証明書 on the collection page (admins): which certificate the listener serves, and setting
// another — a PFX from the company's CA (with its password), a PEM certificate and key, or a
// new self-signed one — after the password is entered again. The files are read here and
// sent to the core, which checks that key and certificate belong together.
import { Button, FileInput, Group, PasswordInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCertificate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, LanStatus } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useRegistrantFormat } from '../registrants/format';
import { SettingsSection } from '../settings/SettingsSection';

type Kind = 'pfx' | 'pem' | 'generate';

const base64Of = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export function CertificateSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const status = useVaultQuery('lan.status', {});
  return (
    <SettingsSection title={t('certificateImport.title')} lead={t('certificateImport.lead')} testId="certificate-settings">
      {status.data && <CertificateForm status={status.data} reauth={reauth} />}
    </SettingsSection>
  );
}

function CertificateForm({ status, reauth }: { status: LanStatus; reauth: Reauth }) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  const action = useAction();
  const configure = useVaultMutation('lan.configure', { invalidates: ['lan'] });
  const [kind, setKind] = useState<Kind>('pfx');
  const [pfx, setPfx] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [cert, setCert] = useState<File | null>(null);
  const [key, setKey] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const certificateInput = async (): Promise<ChannelInput<'lan.configure'>['certificate'] | null> => {
    if (kind === 'generate') return { generate: true };
    if (kind === 'pfx') return pfx ? { pfxBase64: await base64Of(pfx), passphrase: password } : null;
    return cert && key ? { certPem: await cert.text(), keyPem: await key.text() } : null;
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setNotice(null);
    void action.run(async () => {
      const certificate = await certificateInput();
      setMissing(certificate === null);
      if (!certificate) return;
      const { enabled, host, port, allowedCidrs } = status.config;
      const done = await reauth.run(() => configure.send({ enabled, host, port, allowedCidrs, certificate }));
      if (done) {
        setPassword('');
        setNotice(t('certificateImport.saved'));
      }
    });
  };

  const source = status.certificateSource ?? 'none';
  const required = (file: File | null) => (missing && !file ? t('certificateImport.fileRequired') : undefined);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Notice message={notice} onClose={() => setNotice(null)} />
        <ErrorAlert message={action.error} />
        <Group gap={8} wrap="nowrap">
          <IconCertificate size={18} aria-hidden />
          <Text fz="sm" data-testid="certificate-current">
            {source === 'none'
              ? t('certificateImport.sources.none')
              : t('certificateImport.current', { source: t(`certificateImport.sources.${source}`), expires: status.certificateExpiresAt ? format.dateTime(status.certificateExpiresAt) : '—' })}
          </Text>
        </Group>
        <Stack gap={4}>
          <Text fz="sm" fw={500} id="certificate-kind-label">
            {t('certificateImport.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="certificate-kind-label"
            value={kind}
            onChange={(v) => {
              setKind(v as Kind);
              setMissing(false);
            }}
            data={(['pfx', 'pem', 'generate'] as const).map((k) => ({ value: k, label: t(`certificateImport.kinds.${k}`) }))}
          />
        </Stack>
        {kind === 'pfx' && (
          <Group grow align="flex-start">
            <FileInput label={t('certificateImport.pfxFile')} placeholder={t('certificateImport.choose')} accept=".pfx,.p12,application/x-pkcs12" value={pfx} onChange={setPfx} error={required(pfx)} clearable />
            <PasswordInput label={t('certificateImport.pfxPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="off" />
          </Group>
        )}
        {kind === 'pem' && (
          <Group grow align="flex-start">
            <FileInput label={t('certificateImport.certFile')} placeholder={t('certificateImport.choose')} accept=".pem,.crt,.cer" value={cert} onChange={setCert} error={required(cert)} clearable />
            <FileInput label={t('certificateImport.keyFile')} placeholder={t('certificateImport.choose')} accept=".pem,.key" value={key} onChange={setKey} error={required(key)} clearable />
          </Group>
        )}
        {kind === 'generate' && (
          <Text fz="sm" c="dimmed">
            {t('certificateImport.generateHint')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={action.busy}>
            {t('certificateImport.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
