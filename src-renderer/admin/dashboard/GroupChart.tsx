// Registrants by group (店舗・支店): one bar each, split by status, in the groups' order, then
// those in no group. Only the groups the user reaches are counted (registrants.summary).
import { Card, ColorSwatch, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChannelOutput } from '../../../src-shared/contract';
import { REGISTRANT_STATUSES } from '../../../src-shared/domain';
import { useGroups } from '../registrants/lookups';
import { statusFill } from './chart-colors';

type ByGroup = ChannelOutput<'registrants.summary'>['byGroup'];

/** Height of one group's bar row, and of the axis below them. */
const ROW_HEIGHT = 34;
const FRAME_HEIGHT = 36;
const TICK = { fontSize: 12, fill: 'var(--mantine-color-gray-7)' };

export function GroupChart({ byGroup }: { byGroup: ByGroup | undefined }) {
  const { t } = useTranslation();
  const groups = useGroups();
  const rows = (byGroup ?? []).map((g) => ({
    name: g.groupId === null ? t('dashboardPanels.byGroup.noGroup') : (groups.nameOf(g.groupId) ?? '…'),
    total: g.total,
    ...g.byStatus,
  }));
  const statusName = (key: string) => t(`registrants.statuses.${key as (typeof REGISTRANT_STATUSES)[number]}`);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="chart-by-group">
      <Title order={2} fz="md" mb="sm">
        {t('dashboardPanels.byGroup.title')}
      </Title>
      {byGroup && rows.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t('dashboardPanels.byGroup.empty')}
        </Text>
      )}
      {rows.length > 0 && (
        <div role="img" aria-label={t('dashboardPanels.byGroup.chartLabel')} className="mnv-chart-bars">
          <ResponsiveContainer width="100%" height={rows.length * ROW_HEIGHT + FRAME_HEIGHT}>
            <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }} barCategoryGap={6}>
              <CartesianGrid horizontal={false} stroke="var(--mantine-color-gray-2)" />
              <XAxis type="number" allowDecimals={false} tick={TICK} stroke="var(--mantine-color-gray-5)" />
              <YAxis type="category" dataKey="name" width={120} tick={TICK} stroke="var(--mantine-color-gray-5)" interval={0} />
              <Tooltip isAnimationActive={false} formatter={(value, key) => [t('dashboardPanels.byStatus.people', { count: Number(value) }), statusName(String(key))]} />
              {REGISTRANT_STATUSES.map((status) => (
                <Bar key={status} dataKey={status} stackId="status" fill={statusFill(status)} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
          {/* The legend in the statuses' own order (the chart's own would list the stack bottom-up). */}
          <Group gap="md" justify="center" mt={6} aria-hidden>
            {REGISTRANT_STATUSES.map((status) => (
              <Group key={status} gap={6} wrap="nowrap">
                <ColorSwatch color={statusFill(status)} size={10} radius={2} withShadow={false} />
                <Text span fz="xs">
                  {statusName(status)}
                </Text>
              </Group>
            ))}
          </Group>
        </div>
      )}
      {/* The figures as a list too, for screen readers and exact counts. */}
      {rows.length > 0 && (
        <VisuallyHidden component="ul">
          {rows.map((row) => (
            <li key={row.name} data-testid="by-group-row">
              {row.name}: {t('dashboardPanels.byStatus.people', { count: row.total })}
            </li>
          ))}
        </VisuallyHidden>
      )}
    </Card>
  );
}
