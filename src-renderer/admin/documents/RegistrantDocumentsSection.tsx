// 本人確認書類 in the registrant drawer (for HR): the images handed in with the registrant's
// submissions or attached by HR, as thumbnails (each opening audited), and attaching a scan
// or photo for someone without a phone. The file's type is decided by the core from its
// content; the core re-encodes it and strips its metadata.
import { Button, FileButton, Group, Select, Stack, Text } from '@mantine/core';
import { IconId, IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS } from '../../../src-shared/contract/document-kinds';
import { ATTACH_MAX_BYTES } from '../../../src-shared/contract/documents';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { DrawerSection } from '../registrants/DrawerSection';
import { useSession } from '../session/session';
import { DocumentGallery } from './DocumentGallery';

type Kind = (typeof DOCUMENT_KINDS)[number];

/** The file's bytes as base64, without the data-URL prefix. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

interface Props {
  registrantId: string;
  onDialogChange: (open: boolean) => void;
}

export function RegistrantDocumentsSection(props: Props) {
  const { can } = useSession();
  if (!can('documents.list')) return null;
  return <DocumentsPanel {...props} />;
}

function DocumentsPanel({ registrantId, onDialogChange }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const list = useVaultQuery('documents.list', { registrantId });
  const attach = useVaultMutation('documents.attach', { invalidates: ['documents'] });
  const action = useAction();
  const [kind, setKind] = useState<Kind>('photo_id');
  const [notice, setNotice] = useState<string | null>(null);

  const onFile = (file: File | null) => {
    if (!file) return;
    setNotice(null);
    if (file.size > ATTACH_MAX_BYTES) {
      action.setError(t('documents.tooLarge'));
      return;
    }
    void action.run(async () => {
      await attach.send({ registrantId, kind, imageBase64: await readBase64(file) });
      setNotice(t('documents.attached'));
    });
  };

  return (
    <DrawerSection icon={IconId} title={t('documents.title')} testId="documents-section">
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={list.error ? errorText(list.error) : action.error} />
      <Text fz="xs" c="dimmed">
        {t('documents.lead')}
      </Text>
      {list.data && <DocumentGallery documents={list.data.documents} whoOf={(s) => (s === 'self' ? t('documents.self') : t('documents.dependentOf', { name: s.name }))} onDialogChange={onDialogChange} />}
      {can('documents.attach') && (
        <Stack gap={6}>
          <Group align="flex-end" gap="sm">
            <Select
              label={t('documents.attachKind')}
              data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
              value={kind}
              onChange={(v) => v && setKind(v as Kind)}
              allowDeselect={false}
              w={260}
              data-testid="attach-kind"
            />
            <FileButton onChange={onFile} accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />} loading={action.busy} data-testid="attach-document">
                  {t('documents.attachFile')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Text fz="xs" c="dimmed">
            {t('documents.attachHint')}
          </Text>
        </Stack>
      )}
    </DrawerSection>
  );
}
