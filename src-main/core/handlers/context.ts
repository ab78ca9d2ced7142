// What a handler receives: the services of the vault, the caller's session and user, and
// `tx`, which runs a change and its audit entry in one transaction.
import type { ChannelName, ChannelOutput, Contract } from '../../../src-shared/contract';
import type { z } from 'zod';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { FieldCrypto } from '../crypto/field';
import type { Db } from '../db/open';
import type { VaultKeys } from '../keys/vault-keys';
import type { Mailer } from '../mailer';
import type { Session, SessionStore } from '../sessions';
import type { UserRecord, UserRepository } from '../services/users';
import type { Settings } from '../services/settings';
import type { LoginThrottle } from '../services/throttle';
import type { OneTimeCodes } from '../services/one-time-codes';
import type { RegistrantRepository } from '../services/registrants';
import type { MyNumbers } from '../services/my-numbers';
import type { Purposes } from '../services/purposes';

export interface Vault {
  db: Db;
  dataDir: string;
  vaultId: string;
  keys: VaultKeys;
  clock: Clock;
  mailer: Mailer;
  auditLog: AuditLog;
  fields: FieldCrypto;
  users: UserRepository;
  sessions: SessionStore;
  settings: Settings;
  throttle: LoginThrottle;
  codes: OneTimeCodes;
  registrants: RegistrantRepository;
  myNumbers: MyNumbers;
  purposes: Purposes;
  /** Named in mails so a person can tell which workstation asked. */
  machineName: string;
  /** Serialises work that must not interleave across awaits (first-run setup). */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface CallContext {
  vault: Vault;
  channel: string;
  session: Session;
  /** The logged-in user, or null on public channels. */
  user: UserRecord | null;
  now: Date;
  /** Runs `fn` in one IMMEDIATE transaction; entries given to `audit` inside it commit with it. */
  tx<T>(fn: () => T): T;
  /** Appends an audit entry for this caller (actor filled in). Call inside `tx`. */
  audit(entry: AuditEntry): void;
}

export type Handler<C extends ChannelName> = (
  input: z.output<Contract[C]['input']>,
  ctx: CallContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type HandlerTable = { [C in ChannelName]: Handler<C> };
