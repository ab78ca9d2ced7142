// The ID images of a submission or a registrant as thumbnails, each labelled with its kind
// and whose it is; a click opens the image large, with a rotate button for photos taken
// sideways.
import { ActionIcon, Group, Modal, Stack, Text } from '@mantine/core';
import { IconRotateClockwise } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentRow } from '../../../src-shared/contract/documents';
import { useRegistrantFormat } from '../registrants/format';
import { DocumentImage } from './DocumentImage';
import './documents.css';

interface Props {
  documents: readonly DocumentRow[];
  /** Whose a document is, as the reader knows them. */
  whoOf: (subject: DocumentRow['subject']) => string;
  /** Told when the large view opens and closes (a drawer then yields Escape and focus to it). */
  onDialogChange?: ((open: boolean) => void) | undefined;
}

const ROTATIONS = ['', 'mnv-doc-rot-90', 'mnv-doc-rot-180', 'mnv-doc-rot-270'] as const;

export function DocumentGallery({ documents, whoOf, onDialogChange }: Props) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  const [open, setOpenState] = useState<DocumentRow | null>(null);
  const setOpen = (d: DocumentRow | null) => {
    setOpenState(d);
    onDialogChange?.(d !== null);
  };
  const [turns, setTurns] = useState(0);
  if (documents.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="documents-none">
        {t('documents.none')}
      </Text>
    );
  }
  const kindOf = (d: DocumentRow) => t(`documents.kinds.${d.kind}`);
  return (
    <>
      <div className="mnv-doc-grid" data-testid="document-gallery">
        {documents.map((d) => (
          <button
            key={d.id}
            type="button"
            className="mnv-doc-tile"
            onClick={() => {
              setTurns(0);
              setOpen(d);
            }}
            aria-label={t('documents.open', { kind: kindOf(d) })}
            data-testid="document-tile"
            data-kind={d.kind}
          >
            <DocumentImage documentId={d.id} part="thumbnail" alt="" className="mnv-doc-thumb" />
            <Text fz="xs" fw={500}>
              {kindOf(d)}
            </Text>
            <Text fz="xs" c="dimmed">
              {whoOf(d.subject)} · {d.attachedBy ? t('documents.attachedBy', { user: d.attachedBy }) : t('documents.fromPhone')}
            </Text>
            <Text fz="xs" c="dimmed">
              {format.dateTime(d.createdAt)}
            </Text>
          </button>
        ))}
      </div>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        size="xl"
        lockScroll={false}
        title={open ? t('documents.viewerTitle', { kind: kindOf(open), who: whoOf(open.subject) }) : ''}
        closeButtonProps={{ 'aria-label': t('adminCommon.close') }}
        data-testid="document-viewer"
      >
        {open && (
          <Stack>
            <Group justify="flex-end">
              <ActionIcon variant="default" size="lg" onClick={() => setTurns((n) => (n + 1) % 4)} aria-label={t('documents.rotate')}>
                <IconRotateClockwise size={18} />
              </ActionIcon>
            </Group>
            <DocumentImage documentId={open.id} part="image" alt={kindOf(open)} className={`mnv-doc-full ${ROTATIONS[turns]}`} />
          </Stack>
        )}
      </Modal>
    </>
  );
}
