// The registrant's record as the drawer lists it: who they are, how to reach them, their
// employment and group, attributes and notes. A field never filled in reads 未設定.
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrantRow } from '../../../src-shared/contract';
import { useRegistrantFormat } from './format';
import { useGroups } from './lookups';
import { AttributeBadges } from './RegistrantBadges';

export function RegistrantRecord({ registrant }: { registrant: RegistrantRow }) {
  const { t } = useTranslation();
  const format = useRegistrantFormat();
  const groups = useGroups();
  const notSet = (
    <Text span fz="sm" c="dimmed">
      {t('registrants.detail.notSet')}
    </Text>
  );
  const day = (ymd: string | null) => (ymd ? format.day(ymd) : notSet);
  const address = [registrant.postalCode && t('registrants.detail.postalCodeMark', { code: registrant.postalCode }), registrant.address].filter(Boolean).join(' ');
  const groupName = registrant.groupId ? (groups.nameOf(registrant.groupId) ?? '…') : t('registrants.noGroup');

  const items: [key: string, label: string, value: ReactNode][] = [
    ['employeeCode', t('registrants.detail.employeeCode'), registrant.employeeCode ?? notSet],
    ['group', t('registrants.detail.group'), groupName],
    ['attributes', t('registrants.detail.attributes'), <AttributeBadges key="attributes" attributes={registrant.attributes} />],
    ['birthDate', t('registrants.detail.birthDate'), day(registrant.birthDate)],
    ['email', t('registrants.detail.email'), registrant.email ?? notSet],
    ['phone', t('registrants.detail.phone'), registrant.phone ?? notSet],
    ['address', t('registrants.detail.address'), address || notSet],
    ['hireDate', t('registrants.detail.hireDate'), day(registrant.hireDate)],
    ['leaveDate', t('registrants.detail.leaveDate'), day(registrant.leaveDate)],
    ['notes', t('registrants.detail.notes'), registrant.notes ? <span className="mnv-prewrap">{registrant.notes}</span> : notSet],
    ['createdAt', t('registrants.detail.createdAt'), format.dateTime(registrant.createdAt)],
    ['updatedAt', t('registrants.detail.updatedAt'), format.dateTime(registrant.updatedAt)],
  ];

  return (
    <dl className="mnv-detail-list" data-testid="registrant-record">
      {items.map(([key, label, value]) => (
        <div key={key} className="mnv-detail-item" data-field={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
