// The call context of a request from the phone form (the LAN listener): no staff session,
// the principal is anonymous until the passcode step has passed and a registrant holding a
// collection link after it. Transactions and audit entries work as for any other call; the
// entries carry no actor (the trail names the registrant as their target).
import type { CommitDurability } from '../platform/db/durability';
import type { AuditLog } from '../platform/audit/audit-log';
import type { Clock } from './clock';
import type { CallContext } from './context';
import type { Principal } from './principal';
import type { Session } from './sessions';

export interface PhoneContextDeps {
  durability: CommitDurability;
  auditLog: AuditLog;
  clock: Clock;
}

export type PhoneContextFactory = (channel: string, principal: Principal) => CallContext;

export function createPhoneContextFactory({ durability, auditLog, clock }: PhoneContextDeps): PhoneContextFactory {
  return (channel, principal) => {
    // A phone request has no staff session: this one is never stored and never signs in.
    const session: Session = {
      key: '',
      userId: null,
      reauthUntil: null,
      challenge: null,
      enrolment: null,
      lastActivityAt: 0,
      lockedUserId: null,
      setupUserId: null,
    };
    return {
      channel,
      session,
      principal,
      user: null,
      now: clock.now(),
      tx: (fn) => durability.commit(fn),
      viewTx: (fn) => durability.commitView(fn),
      audit: (entry) => auditLog.append({ actorId: null, actorLabel: null, ...entry }, clock.now()),
    };
  };
}
