// How a disposal record reads: the kinds of data it counts and what the backups still hold.
import { useTranslation } from 'react-i18next';
import { DISPOSAL_ITEM_KINDS, type DisposalRecordRow } from '../../../src-shared/contract';
import { useRegistrantFormat } from '../registrants/format';

export function useDisposalFormat() {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  return {
    items: (items: DisposalRecordRow['items']) =>
      DISPOSAL_ITEM_KINDS.filter((kind) => (items[kind] ?? 0) > 0)
        .map((kind) => t(`disposalPage.items.${kind}`, { count: items[kind] }))
        .join('、'),
    backups: (held: DisposalRecordRow['backupsHoldUntil']) =>
      !held
        ? t('disposalPage.records.backupsNone')
        : held.until === null
          ? t('disposalPage.records.backupsKept', { count: held.count })
          : t('disposalPage.records.backupsUntil', { count: held.count, date: format.day(held.until) }),
    subject: (r: DisposalRecordRow) => (r.subjectType === 'registrant' ? t('disposalPage.records.subjectRegistrant') : t('disposalPage.records.subjectDependent', { registrant: r.registrantName ?? '' })),
    ...format,
  };
}
