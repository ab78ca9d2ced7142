// The printable QR sheets (invitations.printSheet): one page per registrant with the company
// name, the registrant's name, their new link as a QR code (drawn here as SVG: the link never
// leaves the component) and as text, its expiry and short instructions in Japanese (the
// passcode comes from HR separately). Shown over the app until closed; printed with the
// browser's print (window.print), the print style sheet leaving only the pages. The links are
// shown this once: closing, after a confirmation, forgets them. The pages are in Japanese
// whatever the UI's language, as they go to the employees.
import { Alert, Button, Group, Modal, Portal, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPrinter, IconX } from '@tabler/icons-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatJapaneseDateTime } from '../../../src-shared/collection-mail';
import type { ChannelOutput } from '../../../src-shared/contract';
import { QrCode } from '../components/QrCode';
import './qr-sheet.css';

export type PrintedSheets = ChannelOutput<'invitations.printSheet'>;
type Sheet = PrintedSheets['sheets'][number];

function SheetPage({ sheet, companyName }: { sheet: Sheet; companyName: string }) {
  const { i18n } = useTranslation();
  // What the employee reads is Japanese, whichever language HR works in.
  const t = i18n.getFixedT('ja');
  return (
    <section className="mnv-qr-page" data-testid="qr-sheet-page" aria-label={t('collectionMail.sheet.addressee', { name: sheet.name })}>
      <div className="mnv-qr-company">{companyName}</div>
      <h2>{t('collectionMail.sheet.heading')}</h2>
      <div className="mnv-qr-addressee">
        <small>{sheet.nameKana}</small>
        {t('collectionMail.sheet.addressee', { name: sheet.name })}
        {sheet.employeeCode && <small>{t('collectionMail.sheet.employeeCode', { code: sheet.employeeCode })}</small>}
      </div>
      <div className="mnv-qr-code">
        <QrCode text={sheet.url} label={t('collectionMail.sheet.qr', { name: sheet.name })} testId="qr-sheet-code" />
        <div>
          <div className="mnv-qr-expires">{t('collectionMail.sheet.expires', { date: formatJapaneseDateTime(sheet.expiresAt) })}</div>
          <div>{t('collectionMail.sheet.personal')}</div>
        </div>
      </div>
      <h3>{t('collectionMail.sheet.howTo')}</h3>
      <ol>
        <li>{t('collectionMail.sheet.step1')}</li>
        <li>{t('collectionMail.sheet.step2')}</li>
        <li>{t('collectionMail.sheet.step3')}</li>
        <li>{t('collectionMail.sheet.step4')}</li>
      </ol>
      <div>
        <div>{t('collectionMail.sheet.urlLabel')}</div>
        <div className="mnv-qr-url" data-testid="qr-sheet-url">
          {sheet.url}
        </div>
      </div>
      <div className="mnv-qr-note">{t('collectionMail.sheet.footer')}</div>
    </section>
  );
}

export function QrSheets({ printed, onClose }: { printed: PrintedSheets | null; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [confirmClose, setConfirmClose] = useState(false);
  // The app beneath does not scroll while the sheets are over it.
  useEffect(() => {
    if (!printed) return;
    document.documentElement.classList.add('mnv-qr-sheets-open');
    return () => document.documentElement.classList.remove('mnv-qr-sheets-open');
  }, [printed]);
  if (!printed) return null;
  const close = () => {
    setConfirmClose(false);
    onClose();
  };
  return (
    <Portal reuseTargetNode={false} className="mnv-qr-sheets-root">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="qr-sheets" data-mnv-transient>
        <div className="mnv-qr-toolbar">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Title order={2} fz="h4" id={titleId}>
                {t('collectionMail.sheet.title', { count: printed.sheets.length })}
              </Title>
              <Group gap="sm" wrap="nowrap">
                <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
                  {t('collectionMail.sheet.print')}
                </Button>
                <Button variant="default" leftSection={<IconX size={16} />} onClick={() => setConfirmClose(true)}>
                  {t('collectionMail.sheet.close')}
                </Button>
              </Group>
            </Group>
            <Alert role="note" color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={18} aria-hidden />}>
              <Text fz="sm">{t('collectionMail.sheet.onceWarning')}</Text>
            </Alert>
          </Stack>
        </div>
        <div className="mnv-qr-pages">
          {printed.sheets.map((sheet) => (
            <SheetPage key={sheet.registrantId} sheet={sheet} companyName={printed.companyName} />
          ))}
        </div>
      </div>
      <Modal opened={confirmClose} onClose={() => setConfirmClose(false)} title={t('collectionMail.sheet.closeConfirmTitle')} centered lockScroll={false} zIndex={400}>
        <Stack gap="md">
          <Text fz="sm">{t('collectionMail.sheet.closeConfirmBody')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmClose(false)}>
              {t('adminCommon.cancel')}
            </Button>
            <Button color="red" onClick={close}>
              {t('collectionMail.sheet.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Portal>
  );
}
