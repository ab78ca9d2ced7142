// The 個人番号削除証明書 of one disposal, print-ready: over the app until closed, printed with
// the browser's print (the desktop shell prints it to PDF), the print style sheet leaving the
// page alone. Always in Japanese, as a document for the file; it names whose data went by
// employee code and name, never a number.
import { Button, Group, Loader, Portal, Title } from '@mantine/core';
import { IconPrinter, IconX } from '@tabler/icons-react';
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPOSAL_ITEM_KINDS, type DisposalRecordRow } from '../../../src-shared/contract';
import { useVaultQuery } from '../data/query';
import './certificate.css';

const jaDateTime = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' });
const jaDate = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' });
const jaDay = new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', dateStyle: 'long' });

function CertificatePage({ rows, issuedAt }: { rows: DisposalRecordRow[]; issuedAt: Date }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT('ja');
  const first = rows[0]!;
  const items = (r: DisposalRecordRow) =>
    DISPOSAL_ITEM_KINDS.filter((k) => (r.items[k] ?? 0) > 0)
      .map((k) => t(`disposalPage.items.${k}`, { count: r.items[k] }))
      .join('、');
  const held = first.backupsHoldUntil;
  return (
    <section className="mnv-cert-page" data-testid="certificate-page">
      <h2>{t('disposalPage.certificate.title')}</h2>
      <p>{t('disposalPage.certificate.lead')}</p>
      <dl>
        <dt>{t('disposalPage.certificate.disposedAt')}</dt>
        <dd>{jaDateTime.format(new Date(first.disposedAt))}</dd>
        <dt>{t('disposalPage.certificate.actor')}</dt>
        <dd>{first.actorLabel}</dd>
        <dt>{t('disposalPage.certificate.reason')}</dt>
        <dd>{first.reason}</dd>
        <dt>{t('disposalPage.certificate.method')}</dt>
        <dd>{t('disposalPage.certificate.methodText')}</dd>
        <dt>{t('disposalPage.certificate.backups')}</dt>
        <dd data-testid="certificate-backups">
          {!held
            ? t('disposalPage.records.backupsNone')
            : held.until === null
              ? t('disposalPage.records.backupsKept', { count: held.count })
              : t('disposalPage.records.backupsUntil', { count: held.count, date: jaDay.format(new Date(`${held.until}T00:00:00Z`)) })}
        </dd>
      </dl>
      <h3>{t('disposalPage.certificate.subjects')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('disposalPage.certificate.columns.code')}</th>
            <th>{t('disposalPage.certificate.columns.name')}</th>
            <th>{t('disposalPage.certificate.columns.kind')}</th>
            <th>{t('disposalPage.certificate.columns.items')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.employeeCode ?? '—'}</td>
              <td>{r.subjectName}</td>
              <td>{r.subjectType === 'registrant' ? t('disposalPage.records.subjectRegistrant') : t('disposalPage.records.subjectDependent', { registrant: r.registrantName ?? '' })}</td>
              <td>{items(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mnv-cert-footer">
        <div>
          {t('disposalPage.certificate.issuedAt')}：{jaDate.format(issuedAt)}
        </div>
        <div className="mnv-cert-sign">
          {t('disposalPage.certificate.responsible')}：<span className="mnv-cert-line" />
          <span className="mnv-cert-seal">{t('disposalPage.certificate.seal')}</span>
        </div>
        <small>{t('disposalPage.certificate.noNumber')}</small>
      </div>
    </section>
  );
}

export function Certificate({ batchId, onClose }: { batchId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const query = useVaultQuery('disposal.records', { batchId: batchId ?? '' }, { enabled: batchId !== null });
  useEffect(() => {
    if (!batchId) return;
    document.documentElement.classList.add('mnv-cert-open');
    return () => document.documentElement.classList.remove('mnv-cert-open');
  }, [batchId]);
  if (!batchId) return null;
  const rows = query.data?.rows ?? [];
  return (
    <Portal reuseTargetNode={false} className="mnv-cert-root">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="certificate">
        <div className="mnv-cert-toolbar">
          <Group justify="space-between" wrap="nowrap">
            <Title order={2} fz="h4" id={titleId}>
              {t('disposalPage.certificate.toolbar')}
            </Title>
            <Group gap="sm" wrap="nowrap">
              <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} disabled={rows.length === 0}>
                {t('disposalPage.certificate.print')}
              </Button>
              <Button variant="default" leftSection={<IconX size={16} />} onClick={onClose}>
                {t('disposalPage.certificate.close')}
              </Button>
            </Group>
          </Group>
        </div>
        <div className="mnv-cert-pages">{rows.length > 0 ? <CertificatePage rows={rows} issuedAt={new Date()} /> : <Loader />}</div>
      </div>
    </Portal>
  );
}
