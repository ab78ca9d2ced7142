// Registrants by status: a ring chart, and beside it the same counts as a list (what a screen
// reader reads, and the exact figures at a glance).
import { Card, ColorSwatch, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { REGISTRANT_STATUSES, type RegistrantStatus } from '../../../src-shared/domain';
import { statusFill } from './chart-colors';

interface Props {
  byStatus: Record<RegistrantStatus, number> | undefined;
}

export function StatusChart({ byStatus }: Props) {
  const { t } = useTranslation();
  const data = REGISTRANT_STATUSES.map((status) => ({ status, name: t(`registrants.statuses.${status}`), value: byStatus?.[status] ?? 0 }));
  const total = data.reduce((sum, d) => sum + d.value, 0);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="chart-by-status">
      <Title order={2} fz="md" mb="sm">
        {t('dashboardPanels.byStatus.title')}
      </Title>
      <Group align="center" wrap="nowrap" gap="lg">
        <div className="mnv-chart-ring" role="img" aria-label={t('dashboardPanels.byStatus.chartLabel')}>
          {total > 0 ? (
            <ResponsiveContainer width="100%" height="100%">
              <PieChart>
                <Pie data={data.filter((d) => d.value > 0)} dataKey="value" nameKey="name" innerRadius="58%" outerRadius="95%" paddingAngle={1} isAnimationActive={false} stroke="none">
                  {data
                    .filter((d) => d.value > 0)
                    .map((d) => (
                      <Cell key={d.status} fill={statusFill(d.status)} />
                    ))}
                </Pie>
                <Tooltip isAnimationActive={false} formatter={(value) => t('dashboardPanels.byStatus.people', { count: Number(value) })} />
              </PieChart>
            </ResponsiveContainer>
          ) : (
            <div className="mnv-chart-ring-empty" />
          )}
        </div>
        <Stack gap={6} component="ul" className="mnv-chart-legend" flex={1}>
          {data.map((d) => (
            <li key={d.status} data-status={d.status}>
              <ColorSwatch color={statusFill(d.status)} size={12} withShadow={false} aria-hidden />
              <Text span fz="sm" flex={1}>
                {d.name}
              </Text>
              <Text span fz="sm" fw={600} data-testid={`by-status-${d.status}`}>
                {t('dashboardPanels.byStatus.people', { count: d.value })}
              </Text>
            </li>
          ))}
        </Stack>
      </Group>
      {total === 0 && (
        <Text fz="sm" c="dimmed" mt="sm">
          {t('dashboardPanels.byStatus.empty')}
        </Text>
      )}
    </Card>
  );
}
