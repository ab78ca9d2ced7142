// Who is calling. Every call carries one: nobody yet (the login screen), a staff user signed
// in through a session, a registrant holding a collection link (the phone form, later), or
// the administrator at the command line.
import type { Role } from '../../../src-shared/domain';

/** What the kernel needs to know of a signed-in staff user; the users module has the rest. */
export interface StaffIdentity {
  id: string;
  loginId: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  /** The groups (店舗・支店) the user is limited to; empty: every group. Admins see every group whatever it holds. */
  groupIds: readonly string[];
}

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'staff'; user: StaffIdentity }
  /** The phone form's session: reaches only this registrant's own submission. */
  | { kind: 'registrant'; registrantId: string; linkId: string }
  /** `mnv` run by the administrator holding the OS account's key store or the recovery code. */
  | { kind: 'cli' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };
