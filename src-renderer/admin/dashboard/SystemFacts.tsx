// How the vault itself is doing, for those who may read it (system.facts): the version, the
// database's size, where the keys are kept, failed sign-ins of the last 7 days, and whether
// the audit trail still reaches the head kept outside the database (audit.status).
import { Badge, Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';

type AuditStatus = ChannelOutput<'audit.status'>;

/** Bytes as a person reads them: 12.3 MB. */
function sizeOf(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function SystemFacts({ auditStatus }: { auditStatus: AuditStatus | undefined }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const facts = useVaultQuery('system.facts', {});
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP';
  const f = facts.data;

  const items: [key: string, label: string, value: ReactNode][] = f
    ? [
        ['version', t('dashboardPanels.facts.version'), f.version],
        ['databaseSize', t('dashboardPanels.facts.databaseSize'), sizeOf(f.databaseBytes, locale)],
        ['keyStore', t('dashboardPanels.facts.keyStore'), t(`dashboardPanels.facts.keyStores.${f.keyStore}`)],
        [
          'auditChain',
          t('dashboardPanels.facts.auditChain'),
          auditStatus ? (
            <Badge color={auditStatus.headOk ? 'teal' : 'red'} variant="light" tt="none" fw={500} data-ok={auditStatus.headOk}>
              {t(auditStatus.headOk ? 'dashboardPanels.facts.auditOk' : 'dashboardPanels.facts.auditBad')}
            </Badge>
          ) : (
            '—'
          ),
        ],
        ['failedLogins', t('dashboardPanels.facts.failedLogins'), t('dashboardPanels.facts.failedLoginsCount', { count: f.failedLoginsLast7Days })],
      ]
    : [];

  return (
    <Card withBorder radius="md" padding="lg" data-testid="system-facts">
      <Title order={2} fz="md" mb="sm">
        {t('dashboardPanels.facts.title')}
      </Title>
      <ErrorAlert message={facts.error ? errorText(facts.error) : null} />
      {f && (
        <dl className="mnv-facts">
          {items.map(([key, label, value]) => (
            <div key={key} className="mnv-facts-item" data-fact={key}>
              <dt>{label}</dt>
              <dd>{typeof value === 'string' ? <Text span fz="sm">{value}</Text> : value}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
