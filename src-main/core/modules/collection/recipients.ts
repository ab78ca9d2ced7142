// Whom a batch of collection e-mails or a run of QR sheets goes to: chosen registrants (each
// through the registrants module's door: outside the caller's groups NOT_FOUND, the whole call
// refused, as invitations.issue does) or every registrant a list filter finds within the
// caller's groups. Of those, the ones of the statuses the work applies to; the others counted.
import type { z } from 'zod';
import type { recipientTarget } from '../../../../src-shared/contract';
import type { RegistrantRow } from '../../../../src-shared/contract';
import type { RegistrantStatus } from '../../../../src-shared/domain';
import type { CallContext } from '../../kernel/context';
import type { RegistrantsService } from '../registrants';

export type RecipientTarget = z.output<typeof recipientTarget>;

export interface Recipients {
  /** In the order given (ids), or in gojūon order (a filter). */
  rows: RegistrantRow[];
  /** Found, but of another status. */
  notApplicable: number;
  /** More than `limit` would be: nothing is returned then. */
  tooMany: boolean;
}

export function resolveRecipients(
  registrants: RegistrantsService,
  ctx: CallContext,
  target: RecipientTarget,
  statuses: readonly RegistrantStatus[],
  limit: number,
): Recipients {
  if (target.by === 'ids') {
    const found = [...new Set(target.registrantIds)].map((id) => registrants.require(ctx, id));
    const rows = found.filter((r) => statuses.includes(r.status));
    if (rows.length > limit) return { rows: [], notApplicable: 0, tooMany: true };
    return { rows, notApplicable: found.length - rows.length, tooMany: false };
  }
  const { rows, found } = registrants.matching(ctx, target.filter, { statuses, limit: limit + 1 });
  if (rows.length > limit) return { rows: [], notApplicable: 0, tooMany: true };
  return { rows, notApplicable: found - rows.length, tooMany: false };
}
