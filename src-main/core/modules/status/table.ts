// The status table: every move a registrant's status may make, and what may make it. Written
// once, here; the status service refuses anything else, registrants.history offers the UI the
// manual moves from here, and test/integration/registrant-status.test.ts holds it as a literal.
//
// How a status moves (`by`):
//   manual      registrants.transition, by HR, by hand
//   submit      a submission arrives and waits for review (phone form, or a proxy entry 代理入力
//               that needs a second user's approval)
//   approve / return / decline   the review of that submission; `decline` is also the
//               registrant's own "I will not provide my number" from the phone form
//   staffEntry  HR stores the number themselves (mynumber.set, or a proxy entry that needs no
//               second approval), having checked the identity documents
//
// A completed (完了) registrant is locked: no move out of 完了, and no edit of identity fields
// or numbers, until an admin unlocks it with a reason (registrants.unlock). An unlock lasts
// UNLOCK_MINUTES, or until the status next moves.
import type { StatusVia } from '../../../../src-shared/contract';
import type { RegistrantStatus } from '../../../../src-shared/domain';

export type Trigger = Exclude<StatusVia, 'unlock'>;

export interface Transition {
  from: RegistrantStatus;
  to: RegistrantStatus;
  by: readonly Trigger[];
  /** 'required': refused without a reason; 'optional': recorded when given; 'none': never asked. */
  reason: 'required' | 'optional' | 'none';
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'unregistered', to: 'pending', by: ['submit'], reason: 'none' },
  { from: 'unregistered', to: 'declined', by: ['manual', 'decline'], reason: 'required' },
  { from: 'unregistered', to: 'completed', by: ['staffEntry'], reason: 'none' },

  { from: 'pending', to: 'completed', by: ['approve'], reason: 'none' },
  { from: 'pending', to: 'returned', by: ['return'], reason: 'required' },
  { from: 'pending', to: 'declined', by: ['decline'], reason: 'required' },

  { from: 'returned', to: 'pending', by: ['submit'], reason: 'none' },
  { from: 'returned', to: 'declined', by: ['manual', 'decline'], reason: 'required' },
  { from: 'returned', to: 'completed', by: ['staffEntry'], reason: 'none' },

  { from: 'declined', to: 'unregistered', by: ['manual'], reason: 'optional' },
  { from: 'declined', to: 'pending', by: ['submit'], reason: 'none' },
  { from: 'declined', to: 'completed', by: ['staffEntry'], reason: 'none' },

  // Out of 完了 only while an admin's unlock lasts.
  { from: 'completed', to: 'pending', by: ['submit'], reason: 'none' },
  { from: 'completed', to: 'unregistered', by: ['manual'], reason: 'required' },
];

/** The triggers that belong to a submission's review: the only ones that move a pending status. */
export const REVIEW_TRIGGERS: readonly Trigger[] = ['approve', 'return', 'decline'];

/** How long an admin's unlock of a completed registrant lasts. */
export const UNLOCK_MINUTES = 30;

/**
 * The fields that say who a person is: locked on a completed registrant (its own, and its
 * dependents'). Contact details, attributes, flags and notes stay editable.
 */
export const IDENTITY_FIELDS: readonly string[] = ['relationship', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'birthDate'];

export function transitionOf(from: RegistrantStatus, to: RegistrantStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The moves a person may make by hand from `from`. */
export function manualMovesFrom(from: RegistrantStatus): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by.includes('manual'));
}
