// What an invitation link is now: the one rule read by the phone form's `open` (which refuses
// every state but `live` with the same answer) and by HR's list of links.
import type { INVITATION_STATES } from '../../../../src-shared/contract';
import type { RegistrantStatus } from '../../../../src-shared/domain';
import type { InvitationRecord } from './repository';

export type InvitationState = (typeof INVITATION_STATES)[number];

/** Passcode failures on one link: every FAILURES_PER_LOCK-th locks it for LOCK_MS. */
export const FAILURES_PER_LOCK = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** At this many failures the link is blocked until HR issues a new one. */
export const FAILURES_TO_BLOCK = 20;

export function linkState(invitation: InvitationRecord, registrantStatus: RegistrantStatus, now: Date): InvitationState {
  if (invitation.revokedReason === 'blocked') return 'blocked';
  if (invitation.revokedReason) return invitation.revokedReason;
  // 完了 locks the link (自動ログインロック): checked as it opens, whichever way the record got there.
  if (registrantStatus === 'completed') return 'completed';
  if (invitation.expiresAt <= now.toISOString()) return 'expired';
  if (invitation.lockedUntil && invitation.lockedUntil > now.toISOString()) return 'locked';
  return 'live';
}

/** The failure count after one more, and what it does to the link. */
export function afterFailure(failures: number, now: Date): { failures: number; lockedUntil: Date | null; block: boolean } {
  const next = failures + 1;
  if (next >= FAILURES_TO_BLOCK) return { failures: next, lockedUntil: null, block: true };
  return { failures: next, lockedUntil: next % FAILURES_PER_LOCK === 0 ? new Date(now.getTime() + LOCK_MS) : null, block: false };
}
