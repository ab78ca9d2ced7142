// The status colours of the badges (registrants/RegistrantBadges) as CSS colours for the charts.
import type { RegistrantStatus } from '../../../src-shared/domain';
import { STATUS_COLORS } from '../registrants/RegistrantBadges';

export function statusFill(status: RegistrantStatus): string {
  // gray-4 rather than gray-6 for 未登録: it reads as "nothing yet" beside the others.
  return status === 'unregistered' ? 'var(--mantine-color-gray-4)' : `var(--mantine-color-${STATUS_COLORS[status]}-6)`;
}
