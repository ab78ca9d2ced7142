// What a handler receives: who is calling, their session, the time of the call, and `tx`,
// which runs a change and its audit entry in one transaction.
import type { ChannelName } from '../../../src-shared/access';
import type { ChannelOutput, Contract } from '../../../src-shared/contract';
import type { z } from 'zod';
import type { AuditEntry } from '../platform/audit/audit-log';
import type { Principal, StaffIdentity } from './principal';
import type { Session } from './sessions';

export interface CallContext {
  channel: string;
  session: Session;
  principal: Principal;
  /** The signed-in staff user, or null (public channels, other principals). */
  user: StaffIdentity | null;
  now: Date;
  /** Runs `fn` in one IMMEDIATE transaction; entries given to `audit` inside it commit with it. */
  tx<T>(fn: () => T): T;
  /**
   * As `tx`, for a routine view only (a read whose one write is its audit entry, like a list
   * page as HR types): `fn` runs in a savepoint of the open group of views, which commits within
   * 200 ms or before the next ordinary commit, without waiting for the disk; the next ordinary
   * commit, or a checkpoint within a second, syncs it (platform/db/durability.ts).
   */
  viewTx<T>(fn: () => T): T;
  /** Appends an audit entry for this caller (actor filled in). Call inside `tx`. */
  audit(entry: AuditEntry): void;
}

/** The context of a staff-only channel: the dispatcher has checked that a user is signed in. */
export type StaffContext = CallContext & { user: StaffIdentity };

export function staffOf(ctx: CallContext): StaffIdentity {
  if (!ctx.user) throw new Error(`${ctx.channel} needs a signed-in user`);
  return ctx.user;
}

export type Handler<C extends ChannelName> = (
  input: z.output<Contract[C]['input']>,
  ctx: CallContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

/** A module's handlers: one per channel of its namespaces. */
export type Handlers<C extends ChannelName> = { [K in C]: Handler<K> };

export type HandlerTable = Handlers<ChannelName>;
