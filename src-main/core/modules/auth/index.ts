// The auth module: login in two steps, the reminder, the signed-in session, and the parts
// other modules share (the credential guard, password hashing, TOTP secrets).
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { Mailer } from '../../platform/mail/mailer';
import type { KeyedLock } from '../../kernel/keyed-lock';
import type { SessionStore } from '../../kernel/sessions';
import type { UserRepository } from '../users/repository';
import { createCodeSender } from './code-sender';
import { createCredentialGuard } from './credentials';
import { authHandlers } from './handlers';
import { createLoginService } from './login';
import { createOneTimeCodes } from './one-time-codes';
import { createResetService } from './reset';
import { createSessionService } from './session';
import { createLoginThrottle } from './throttle';
import { createTotpSecrets } from './totp';

export interface AuthModuleDeps {
  db: Db;
  fields: FieldCrypto;
  users: UserRepository;
  sessions: SessionStore;
  mailer: Mailer;
  machineName: string;
  lock: KeyedLock;
  security(): { requireTotpForAll: boolean; idleLockMinutes: number };
}

export function createAuthModule(deps: AuthModuleDeps) {
  const { db, fields, users, sessions } = deps;
  const throttle = createLoginThrottle(db, fields);
  const codes = createOneTimeCodes(db, fields);
  const guard = createCredentialGuard({ throttle, lock: deps.lock });
  const sender = createCodeSender({ codes, mailer: deps.mailer, machineName: deps.machineName });
  const totpSecrets = createTotpSecrets(fields);
  const login = createLoginService({ users, sessions, codes, sender, guard, totpSecrets, requireTotpForAll: () => deps.security().requireTotpForAll });
  const reset = createResetService({ users, sessions, codes, sender, guard });
  const session = createSessionService({ users, sessions, guard, idleLockMinutes: () => deps.security().idleLockMinutes });
  return {
    services: { throttle, guard, totpSecrets },
    handlers: authHandlers(login, reset, session),
  };
}

export type AuthServices = ReturnType<typeof createAuthModule>['services'];
export { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords';
export { checkTotp, newTotpEnrolment } from './totp';
